#include "cpu/parallel_copy.hpp"

#include <algorithm>
#include <cstring>
#include <thread>
#include <vector>

namespace gpuexec::cpu {

namespace {
constexpr std::size_t kPieceMin = std::size_t{512} << 10;  // each thread copies at least this
constexpr std::size_t kMaxThreads = 8;  // memory bandwidth saturates well before the core count
}  // namespace

void parallel_copy(void* dst, const void* src, std::size_t bytes) {
  const std::size_t cores = std::max(1u, std::thread::hardware_concurrency());
  const std::size_t workers = std::min({cores, kMaxThreads, bytes / kPieceMin});
  if (bytes < kParallelCopyMin || workers <= 1) {
    std::memcpy(dst, src, bytes);
    return;
  }
  // Pieces on 4 KiB boundaries, so no two threads write one page (or cache line).
  const std::size_t piece = (bytes / workers + 4095) / 4096 * 4096;
  auto* d = static_cast<std::byte*>(dst);
  const auto* s = static_cast<const std::byte*>(src);
  std::vector<std::jthread> threads;
  for (std::size_t begin = piece; begin < bytes; begin += piece) {
    const std::size_t n = std::min(piece, bytes - begin);
    threads.emplace_back([=] { std::memcpy(d + begin, s + begin, n); });
  }
  std::memcpy(d, s, std::min(piece, bytes));
}

}  // namespace gpuexec::cpu
