#include "vulkan/chunk_streamer.hpp"

#include <algorithm>
#include <array>
#include <memory>

namespace gpuexec::vk {

namespace {
constexpr std::size_t kSlotsInFlight = 2;

struct Pending {
  std::size_t begin = 0;
  bool active = false;
};
}  // namespace

std::size_t ChunkStreamer::run(const KernelPipeline& kernel, DataPath path, const Fp* a,
                               const Fp* b, Fp* out, std::size_t n) {
  if (n == 0) return 0;
  const std::size_t capacity = bucket_elems(std::min(n, chunk_elems_), chunk_elems_);
  const std::size_t chunks = (n + capacity - 1) / capacity;
  const std::size_t slot_count = std::min(kSlotsInFlight, chunks);

  // On an exception the slots' destructors wait out work in flight; none goes back to the cache.
  std::array<std::unique_ptr<ChunkSlot>, kSlotsInFlight> slots;
  std::array<Pending, kSlotsInFlight> pending;
  {
    for (std::size_t s = 0; s < slot_count; ++s) slots[s] = buckets_.acquire(path, capacity, n);
    for (std::size_t k = 0; k < chunks; ++k) {
      const std::size_t s = k % slot_count;
      if (pending[s].active) {  // chunk k - slot_count: collect before reusing its slot
        slots[s]->finish(out + pending[s].begin);
        pending[s].active = false;
      }
      const std::size_t begin = k * capacity;
      const std::size_t count = std::min(capacity, n - begin);
      slots[s]->submit(kernel, a + begin, b + begin, count);
      pending[s] = {begin, true};
    }
    // Drain in submission order.
    for (std::size_t k = chunks > slot_count ? chunks - slot_count : 0; k < chunks; ++k) {
      const std::size_t s = k % slot_count;
      slots[s]->finish(out + pending[s].begin);
      pending[s].active = false;
    }
  }
  for (auto& slot : slots) buckets_.release(std::move(slot));
  return chunks;
}

}  // namespace gpuexec::vk
