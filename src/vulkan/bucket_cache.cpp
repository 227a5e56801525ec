#include "vulkan/bucket_cache.hpp"

#include <algorithm>
#include <bit>

#include "gpuexec/fp.hpp"

namespace gpuexec::vk {

std::size_t bucket_elems(std::size_t n, std::size_t chunk_elems) {
  return std::min(std::max(kMinBucketElems, std::bit_ceil(std::max<std::size_t>(n, 1))),
                  chunk_elems);
}

BucketCache::BucketCache(const LogicalDevice& device, BufferPool& pool, const SubmitQueues& queues,
                         std::size_t max_idle_per_bucket)
    : device_(device), pool_(pool), queues_(queues), max_idle_(max_idle_per_bucket) {}

BucketCache::~BucketCache() {
  clear();
}

std::unique_ptr<ChunkSlot> BucketCache::acquire(DataPath path, VkDeviceSize vector_bytes,
                                                uint32_t inputs, VkDeviceSize job_bytes) {
  const Key key{path, vector_bytes, inputs};
  {
    std::lock_guard lock(mutex_);
    if (job_bytes == vector_bytes) exact_.insert(key);
    auto it = idle_.find(key);
    if (it != idle_.end() && !it->second.empty()) {
      std::unique_ptr<ChunkSlot> slot = std::move(it->second.back());
      it->second.pop_back();
      ++stats_.hits;
      return slot;
    }
    ++stats_.misses;
  }
  return std::make_unique<ChunkSlot>(device_, pool_, queues_, path, vector_bytes, inputs);
}

void BucketCache::release(std::unique_ptr<ChunkSlot> slot) noexcept {
  if (!slot) return;
  std::unique_ptr<ChunkSlot> evicted;  // destroyed outside the lock
  {
    std::lock_guard lock(mutex_);
    try {
      auto& list = idle_[{slot->path(), slot->vector_bytes(), slot->inputs()}];
      if (list.size() >= max_idle_) {
        evicted = std::move(slot);
        ++stats_.evictions;
      } else {
        list.push_back(std::move(slot));
      }
    } catch (const std::bad_alloc&) {
      evicted = std::move(slot);  // no host memory to keep it: destroyed instead
    }
  }
}

void BucketCache::clear() {
  std::map<Key, std::vector<std::unique_ptr<ChunkSlot>>> dropped;
  std::lock_guard lock(mutex_);
  dropped.swap(idle_);
}

BucketCacheStats BucketCache::stats() const {
  std::lock_guard lock(mutex_);
  BucketCacheStats s = stats_;
  for (const auto& [key, slots] : idle_) {
    const auto& [path, bytes, inputs] = key;
    if (!slots.empty()) s.buckets.push_back({path, bytes / sizeof(Fp), slots.size()});
  }
  s.exact_size_entries = exact_.size();
  return s;
}

}  // namespace gpuexec::vk
