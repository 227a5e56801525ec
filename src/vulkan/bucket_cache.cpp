#include "vulkan/bucket_cache.hpp"

#include <algorithm>
#include <bit>

namespace gpuexec::vk {

std::size_t bucket_elems(std::size_t n, std::size_t chunk_elems) {
  return std::min(std::max(kMinBucketElems, std::bit_ceil(std::max<std::size_t>(n, 1))),
                  chunk_elems);
}

BucketCache::BucketCache(const DeviceContext& ctx, BufferPool& pool, const KernelLayout& layout,
                         QueueTimelines* timelines, std::size_t max_idle_per_bucket)
    : ctx_(ctx),
      pool_(pool),
      layout_(layout),
      timelines_(timelines),
      max_idle_(max_idle_per_bucket) {}

BucketCache::~BucketCache() {
  clear();
}

std::unique_ptr<ChunkSlot> BucketCache::acquire(DataPath path, std::size_t capacity,
                                                std::size_t job_elems) {
  const Key key{path, capacity};
  {
    std::lock_guard lock(mutex_);
    if (job_elems == capacity) exact_.insert(key);
    auto it = idle_.find(key);
    if (it != idle_.end() && !it->second.empty()) {
      std::unique_ptr<ChunkSlot> slot = std::move(it->second.back());
      it->second.pop_back();
      ++stats_.hits;
      return slot;
    }
    ++stats_.misses;
  }
  return make_chunk_slot(path, ctx_, pool_, layout_, capacity, timelines_);
}

void BucketCache::release(std::unique_ptr<ChunkSlot> slot) noexcept {
  if (!slot) return;
  std::unique_ptr<ChunkSlot> evicted;  // destroyed outside the lock
  {
    std::lock_guard lock(mutex_);
    try {
      auto& list = idle_[{slot->path(), slot->capacity()}];
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
    if (!slots.empty()) s.buckets.push_back({key.first, key.second, slots.size()});
  }
  s.exact_size_entries = exact_.size();
  return s;
}

}  // namespace gpuexec::vk
