// memcpy for the large host copies of the data paths (inputs into staging or mapped buffers,
// results out): one thread cannot fill a PCIe 5 link or a write-combined mapping, several can.
#pragma once

#include <cstddef>
#include <initializer_list>
#include <span>

namespace gpuexec::cpu {

// Below this many bytes one memcpy on the caller's thread is faster than waking copy threads.
// (H100 host: one thread writes write-combined memory at ~10 GB/s, so a 16K-element vector's
// 768 KiB takes ~75 us alone; the pool's threads are already running.)
inline constexpr std::size_t kParallelCopyMin = std::size_t{256} << 10;

struct CopyRegion {
  void* dst;
  const void* src;
  std::size_t bytes;
};

// memcpy of every region, split over the shared CopyPool in one run (so A and B of a chunk wake
// the pool once); copies made at once (several devices) share its workers.
void parallel_copy(std::span<const CopyRegion> regions);
inline void parallel_copy(std::initializer_list<CopyRegion> regions) {
  parallel_copy(std::span(regions.begin(), regions.size()));
}
inline void parallel_copy(void* dst, const void* src, std::size_t bytes) {
  parallel_copy({CopyRegion{dst, src, bytes}});
}

}  // namespace gpuexec::cpu
