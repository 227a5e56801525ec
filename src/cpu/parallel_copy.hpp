// memcpy for the large host copies of the data paths (inputs into staging or mapped buffers,
// results out): one thread cannot fill a PCIe 5 link or a write-combined mapping, several can.
#pragma once

#include <cstddef>

namespace gpuexec::cpu {

// Below this many bytes one memcpy on the caller's thread is faster than starting threads.
// (H100 host: a 16K-element chunk's 1.5 MB of inputs already gains from two threads.)
inline constexpr std::size_t kParallelCopyMin = std::size_t{1} << 20;

void parallel_copy(void* dst, const void* src, std::size_t bytes);

}  // namespace gpuexec::cpu
