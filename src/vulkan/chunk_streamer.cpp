#include "vulkan/chunk_streamer.hpp"

#include <algorithm>
#include <array>
#include <memory>

namespace gpuexec::vk {

void split_into_chunks(const ChunkWork& job, std::size_t capacity, std::vector<ChunkWork>& chunks) {
  for (std::size_t begin = 0; begin < job.n; begin += capacity) {
    ChunkWork c = job;
    const std::size_t offset = begin * job.element_bytes;
    for (uint32_t i = 0; i < job.input_count(); ++i) c.inputs[i] += offset;
    c.out += offset;
    c.n = std::min(capacity, job.n - begin);
    chunks.push_back(c);
  }
}

std::size_t ChunkStreamer::run(const ChunkWork& job, DataPath path) {
  if (job.n == 0) return 0;
  const std::size_t capacity = bucket_elems(std::min(job.n, chunk_elems_), chunk_elems_);
  std::vector<ChunkWork> chunks;
  split_into_chunks(job, capacity, chunks);
  run(chunks, path, capacity, job.n);
  return chunks.size();
}

void ChunkStreamer::run(std::span<const ChunkWork> chunks, DataPath path, std::size_t capacity,
                        std::size_t job_elems) {
  if (chunks.empty()) return;
  const std::size_t ring = std::min(kSlotsInFlight, chunks.size());
  const std::size_t element_bytes = chunks.front().element_bytes;
  const uint32_t inputs = chunks.front().input_count();
  // On an exception the slots' destructors wait out work in flight; none goes back to the cache.
  std::array<std::unique_ptr<ChunkSlot>, kSlotsInFlight> slots;
  for (std::size_t s = 0; s < ring; ++s) {
    slots[s] = buckets_.acquire(path, capacity * element_bytes, inputs, job_elems * element_bytes);
  }
  for (std::size_t k = 0; k < chunks.size(); ++k) {
    const std::size_t s = k % ring;
    if (slots[s]->busy()) slots[s]->finish();  // chunk k - ring
    slots[s]->submit(chunks[k]);
  }
  // Drain in submission order.
  for (std::size_t k = chunks.size() - ring; k < chunks.size(); ++k) slots[k % ring]->finish();
  for (std::size_t s = 0; s < ring; ++s) buckets_.release(std::move(slots[s]));
}

}  // namespace gpuexec::vk
