// Splits [0, n) into contiguous ranges run on the machine's cores; small n stays on the caller's
// thread.
#pragma once

#include <algorithm>
#include <cstddef>
#include <thread>

#include "cpu/copy_pool.hpp"

namespace gpuexec::cpu {

// Below this many elements a thread start costs more than the work it would take over.
inline constexpr std::size_t kParallelThreshold = 1 << 14;

// body(begin, end) runs on disjoint ranges covering [0, n), several per thread; it must not
// throw. The ranges are blocks, about 8 per core, taken by the compute pool's running workers
// and the caller: a worker whose core is busy with another process takes fewer or none, and
// the call returns once every block is done (with one fixed share per fresh thread, a 64K-
// element add waited ~3 ms here for a thread the scheduler had not started). Calls made at once
// share the pool's workers.
template <typename Body>  // Body(size_t begin, size_t end)
void parallel_for(std::size_t n, Body body) {
  // Asked once: glibc reads /sys for it, ~10 us, more than a small job's whole work.
  static const std::size_t cores = std::max(1u, std::thread::hardware_concurrency());
  const std::size_t workers =
      n < kParallelThreshold ? 1 : std::min(cores, n / (kParallelThreshold / 2));
  if (workers <= 1) {
    body(std::size_t{0}, n);
    return;
  }
  const std::size_t block = std::max(kParallelThreshold / 4, n / (workers * 8));
  const std::size_t blocks = (n + block - 1) / block;
  // One captured pointer: std::function keeps it inline, no allocation per call.
  struct Blocks {
    Body& body;
    std::size_t n, block;
    void operator()(std::size_t i) const { body(i * block, std::min(n, (i + 1) * block)); }
  } const ranges{body, n, block};
  const auto run_block = [p = &ranges](std::size_t i) { (*p)(i); };
  CopyPool::compute().run(blocks, run_block);
}

}  // namespace gpuexec::cpu
