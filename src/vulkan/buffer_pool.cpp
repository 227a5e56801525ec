#include "vulkan/buffer_pool.hpp"

#include "gpuexec/error.hpp"

namespace gpuexec::vk {

BufferPool::BufferPool(const LogicalDevice& ctx, MemoryAllocator& allocator, uint64_t cap_bytes)
    : ctx_(ctx), allocator_(allocator), cap_(cap_bytes) {
  stats_.cap_bytes = cap_bytes;
}

BufferPool::~BufferPool() {
  trim();
}

std::unique_ptr<Buffer> BufferPool::acquire(MemoryUse use, VkDeviceSize bytes) {
  {
    std::lock_guard lock(mutex_);
    for (auto it = idle_.begin(); it != idle_.end(); ++it) {
      if ((*it)->use() == use && (*it)->size() == bytes) {
        std::unique_ptr<Buffer> b = std::move(*it);
        idle_.erase(it);
        --stats_.idle_buffers;
        stats_.idle_bytes -= bytes;
        ++stats_.hits;
        return b;
      }
    }
    ++stats_.misses;
  }
  try {
    return std::make_unique<Buffer>(ctx_, allocator_, bytes, use);
  } catch (const Error& e) {
    if (e.code() != ErrorCode::OutOfMemory) throw;
    trim();  // idle buffers of other sizes may hold the memory this one needs
    return std::make_unique<Buffer>(ctx_, allocator_, bytes, use);
  }
}

void BufferPool::release(std::unique_ptr<Buffer> buffer) noexcept {
  if (!buffer) return;
  std::lock_guard lock(mutex_);
  const VkDeviceSize bytes = buffer->size();
  try {
    idle_.push_front(std::move(buffer));
  } catch (const std::bad_alloc&) {
    return;  // no host memory for the list node: the buffer is freed instead of kept
  }
  stats_.idle_bytes += bytes;
  ++stats_.idle_buffers;
  evict_to(cap_);
}

void BufferPool::evict_to(uint64_t bytes) {
  while (stats_.idle_bytes > bytes && !idle_.empty()) {
    stats_.idle_bytes -= idle_.back()->size();
    --stats_.idle_buffers;
    ++stats_.evictions;
    idle_.pop_back();
  }
}

void BufferPool::trim() {
  std::lock_guard lock(mutex_);
  evict_to(0);
}

BufferPoolStats BufferPool::stats() const {
  std::lock_guard lock(mutex_);
  return stats_;
}

}  // namespace gpuexec::vk
