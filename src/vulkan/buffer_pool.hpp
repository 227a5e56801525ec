// Buffers kept for reuse, keyed by memory use and size (callers ask in bucket sizes), with an LRU
// bound on the bytes held idle. A buffer comes back only after the GPU work using it completed.
#pragma once

#include <list>
#include <memory>
#include <mutex>

#include "vulkan/buffer.hpp"

namespace gpuexec::vk {

struct BufferPoolStats {
  uint64_t hits = 0, misses = 0, evictions = 0;
  uint64_t idle_buffers = 0, idle_bytes = 0;
  uint64_t cap_bytes = 0;
  double hit_rate() const { return hits + misses ? double(hits) / double(hits + misses) : 0.0; }
};

class BufferPool {
 public:
  BufferPool(const LogicalDevice& ctx, MemoryAllocator& allocator, uint64_t cap_bytes);
  ~BufferPool();
  BufferPool(const BufferPool&) = delete;
  BufferPool& operator=(const BufferPool&) = delete;

  // An idle buffer of exactly this use and size, else a new one. When memory runs out, idle
  // buffers are released and the allocation tried once more.
  std::unique_ptr<Buffer> acquire(MemoryUse use, VkDeviceSize bytes);
  // Takes back a buffer whose GPU work has completed; evicts the least recently used idle
  // buffers beyond the cap.
  void release(std::unique_ptr<Buffer> buffer) noexcept;
  // Drops every idle buffer.
  void trim();

  BufferPoolStats stats() const;
  MemoryAllocator& allocator() { return allocator_; }

 private:
  void evict_to(uint64_t bytes);  // caller holds mutex_

  const LogicalDevice& ctx_;
  MemoryAllocator& allocator_;
  uint64_t cap_;
  mutable std::mutex mutex_;
  std::list<std::unique_ptr<Buffer>> idle_;  // front: most recently released
  BufferPoolStats stats_;
};

}  // namespace gpuexec::vk
