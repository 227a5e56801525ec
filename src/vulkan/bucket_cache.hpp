// Idle chunk slots kept by (data path, power-of-two size bucket, input count): a job of a size
// seen before finds its buffers, descriptor sets and command buffers ready. The seed's
// size-bucketed bind-group cache; one pipeline serves every bucket, since n is a push constant.
#pragma once

#include <cstddef>
#include <map>
#include <memory>
#include <mutex>
#include <set>
#include <tuple>
#include <vector>

#include "vulkan/chunk_slot.hpp"

namespace gpuexec::vk {

// The smallest bucket, in elements: smaller jobs share its slots.
inline constexpr std::size_t kMinBucketElems = std::size_t{1} << 14;

// The capacity a job of n elements gets: the next power of two from kMinBucketElems, but never
// more than one chunk.
std::size_t bucket_elems(std::size_t n, std::size_t chunk_elems);

struct BucketEntry {
  DataPath path;
  std::size_t elements;  // of 48 bytes (Fp): what the stats report
  std::size_t idle_slots;
};

struct BucketCacheStats {
  uint64_t hits = 0, misses = 0, evictions = 0;
  std::vector<BucketEntry> buckets;  // what is cached now
  uint64_t exact_size_entries = 0;   // buckets some job filled exactly (no padding)
};

class BucketCache {
 public:
  BucketCache(const LogicalDevice& device, BufferPool& pool, const SubmitQueues& queues,
              std::size_t max_idle_per_bucket = 4);
  ~BucketCache();
  BucketCache(const BucketCache&) = delete;
  BucketCache& operator=(const BucketCache&) = delete;

  // An idle slot of this path, size and input count, else a new one. `job_bytes` (the job's
  // vector size) only feeds statistics.
  std::unique_ptr<ChunkSlot> acquire(DataPath path, VkDeviceSize vector_bytes, uint32_t inputs,
                                     VkDeviceSize job_bytes);
  // Takes back a slot with no work in flight; beyond the per-bucket bound it is destroyed
  // and its buffers go back to the buffer pool.
  void release(std::unique_ptr<ChunkSlot> slot) noexcept;
  void clear();

  BucketCacheStats stats() const;

 private:
  using Key = std::tuple<DataPath, VkDeviceSize, uint32_t>;
  const LogicalDevice& device_;
  BufferPool& pool_;
  const SubmitQueues& queues_;
  std::size_t max_idle_;
  mutable std::mutex mutex_;
  std::map<Key, std::vector<std::unique_ptr<ChunkSlot>>> idle_;
  std::set<Key> exact_;
  BucketCacheStats stats_;
};

}  // namespace gpuexec::vk
