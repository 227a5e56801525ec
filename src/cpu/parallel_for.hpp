// Splits [0, n) into contiguous ranges run on the machine's cores; small n stays on the caller's
// thread.
#pragma once

#include <algorithm>
#include <cstddef>
#include <thread>
#include <vector>

namespace gpuexec::cpu {

// Below this many elements a thread start costs more than the work it would take over.
inline constexpr std::size_t kParallelThreshold = 1 << 14;

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
  const std::size_t step = (n + workers - 1) / workers;
  std::vector<std::jthread> threads;
  threads.reserve(workers - 1);
  for (std::size_t w = 1; w < workers; ++w) {
    const std::size_t begin = std::min(n, w * step), end = std::min(n, begin + step);
    threads.emplace_back([=] { body(begin, end); });
  }
  body(std::size_t{0}, std::min(n, step));
}

}  // namespace gpuexec::cpu
