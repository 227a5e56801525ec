#include "vulkan/chunk_streamer.hpp"

#include <algorithm>
#include <array>
#include <memory>

namespace gpuexec::vk {

void split_into_chunks(const KernelPipeline& kernel, const Fp* a, const Fp* b, Fp* out,
                       std::size_t n, std::size_t capacity, std::vector<ChunkWork>& chunks) {
  for (std::size_t begin = 0; begin < n; begin += capacity) {
    const std::size_t count = std::min(capacity, n - begin);
    chunks.push_back({&kernel, a + begin, b + begin, out + begin, count});
  }
}

std::size_t ChunkStreamer::run(const KernelPipeline& kernel, DataPath path, const Fp* a,
                               const Fp* b, Fp* out, std::size_t n) {
  if (n == 0) return 0;
  const std::size_t capacity = bucket_elems(std::min(n, chunk_elems_), chunk_elems_);
  std::vector<ChunkWork> chunks;
  split_into_chunks(kernel, a, b, out, n, capacity, chunks);
  run(chunks, path, capacity, n);
  return chunks.size();
}

void ChunkStreamer::run(std::span<const ChunkWork> chunks, DataPath path, std::size_t capacity,
                        std::size_t job_elems) {
  if (chunks.empty()) return;
  const std::size_t ring = std::min(kSlotsInFlight, chunks.size());
  // On an exception the slots' destructors wait out work in flight; none goes back to the cache.
  std::array<std::unique_ptr<ChunkSlot>, kSlotsInFlight> slots;
  std::array<Fp*, kSlotsInFlight> pending{};  // where each busy slot's result goes
  for (std::size_t s = 0; s < ring; ++s) slots[s] = buckets_.acquire(path, capacity, job_elems);
  for (std::size_t k = 0; k < chunks.size(); ++k) {
    const std::size_t s = k % ring;
    if (slots[s]->busy()) slots[s]->finish(pending[s]);  // chunk k - ring
    const ChunkWork& c = chunks[k];
    slots[s]->submit(*c.kernel, c.a, c.b, c.n);
    pending[s] = c.out;
  }
  // Drain in submission order.
  for (std::size_t k = chunks.size() - ring; k < chunks.size(); ++k) {
    const std::size_t s = k % ring;
    slots[s]->finish(pending[s]);
  }
  for (std::size_t s = 0; s < ring; ++s) buckets_.release(std::move(slots[s]));
}

}  // namespace gpuexec::vk
