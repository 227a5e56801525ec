#include "cpu/parallel_copy.hpp"

#include <algorithm>
#include <array>
#include <cstring>

#include "cpu/copy_pool.hpp"

namespace gpuexec::cpu {

namespace {
constexpr std::size_t kPieceMin = std::size_t{128} << 10;  // each thread copies at least this
constexpr std::size_t kMaxRegions = 4;

struct Piece {
  std::byte* dst;
  const std::byte* src;
  std::size_t bytes;
};
}  // namespace

void parallel_copy(std::span<const CopyRegion> regions) {
  std::size_t total = 0;
  for (const CopyRegion& r : regions) total += r.bytes;
  CopyPool& pool = CopyPool::shared();
  const std::size_t threads = std::min(pool.workers() + 1, total / kPieceMin);
  if (total < kParallelCopyMin || threads <= 1 || regions.size() > kMaxRegions) {
    for (const CopyRegion& r : regions) std::memcpy(r.dst, r.src, r.bytes);
    return;
  }
  // Each region in pieces on 4 KiB boundaries (no two threads write one page or cache line),
  // about `threads` pieces in all.
  const std::size_t target = (total / threads + 4095) / 4096 * 4096;
  std::array<Piece, kMaxRegions * 64> pieces;
  std::size_t count = 0;
  for (const CopyRegion& r : regions) {
    auto* d = static_cast<std::byte*>(r.dst);
    const auto* s = static_cast<const std::byte*>(r.src);
    const std::size_t piece = std::max(target, (r.bytes / 64 + 4095) / 4096 * 4096);
    for (std::size_t begin = 0; begin < r.bytes; begin += piece) {
      pieces[count++] = {d + begin, s + begin, std::min(piece, r.bytes - begin)};
    }
  }
  pool.run(count,
           [&](std::size_t i) { std::memcpy(pieces[i].dst, pieces[i].src, pieces[i].bytes); });
}

}  // namespace gpuexec::cpu
