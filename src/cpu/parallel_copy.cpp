#include "cpu/parallel_copy.hpp"

#include <algorithm>
#include <cstring>

#include "cpu/copy_pool.hpp"

namespace gpuexec::cpu {

namespace {
constexpr std::size_t kPieceMin = std::size_t{128} << 10;  // each thread copies at least this
}  // namespace

void parallel_copy(void* dst, const void* src, std::size_t bytes) {
  if (bytes < kParallelCopyMin) {
    std::memcpy(dst, src, bytes);
    return;
  }
  CopyPool& pool = CopyPool::shared();
  const std::size_t pieces = std::min(pool.workers() + 1, bytes / kPieceMin);
  if (pieces <= 1) {
    std::memcpy(dst, src, bytes);
    return;
  }
  // Pieces on 4 KiB boundaries, so no two threads write one page (or cache line).
  const std::size_t piece = (bytes / pieces + 4095) / 4096 * 4096;
  auto* d = static_cast<std::byte*>(dst);
  const auto* s = static_cast<const std::byte*>(src);
  pool.run((bytes + piece - 1) / piece, [&](std::size_t i) {
    const std::size_t begin = i * piece;
    std::memcpy(d + begin, s + begin, std::min(piece, bytes - begin));
  });
}

}  // namespace gpuexec::cpu
