// memcpy for the large host copies of the data paths (inputs into staging or mapped buffers,
// results out): one thread cannot fill a PCIe 5 link or a write-combined mapping, several can.
#pragma once

#include <cstddef>

namespace gpuexec::cpu {

// Below this many bytes one memcpy on the caller's thread is faster than waking copy threads.
// (H100 host: one thread writes write-combined memory at ~10 GB/s, so a 16K-element vector's
// 768 KiB takes ~75 us alone; the pool's threads are already running.)
inline constexpr std::size_t kParallelCopyMin = std::size_t{256} << 10;

// memcpy split over the shared CopyPool; a copy made while another is running goes on the
// caller's thread alone.
void parallel_copy(void* dst, const void* src, std::size_t bytes);

}  // namespace gpuexec::cpu
