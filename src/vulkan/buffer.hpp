// A storage and transfer buffer on suballocated memory; host-visible ones come mapped.
#pragma once

#include <cstddef>

#include "vulkan/memory_allocator.hpp"

namespace gpuexec::vk {

class Buffer {
 public:
  Buffer(const LogicalDevice& ctx, MemoryAllocator& allocator, VkDeviceSize size, MemoryUse use);
  ~Buffer();
  Buffer(const Buffer&) = delete;
  Buffer& operator=(const Buffer&) = delete;

  VkBuffer handle() const { return buffer_; }
  VkDeviceSize size() const { return size_; }
  MemoryUse use() const { return use_; }
  // Host pointer for host-visible memory, else nullptr.
  std::byte* mapped() const { return memory_.mapped; }
  // For non-coherent memory: make host writes visible to the device / device writes to the host.
  void flush(VkDeviceSize offset, VkDeviceSize size) const;
  void invalidate(VkDeviceSize offset, VkDeviceSize size) const;

 private:
  VkMappedMemoryRange range(VkDeviceSize offset, VkDeviceSize size) const;

  const LogicalDevice& ctx_;
  MemoryAllocator& allocator_;
  VkBuffer buffer_ = VK_NULL_HANDLE;
  VkDeviceSize size_ = 0;
  MemoryUse use_;
  Allocation memory_;
};

}  // namespace gpuexec::vk
