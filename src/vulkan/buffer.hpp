// A storage or transfer buffer with its own memory, persistently mapped when host-visible.
#pragma once

#include <cstddef>

#include "vulkan/device_context.hpp"

namespace gpuexec::vk {

enum class MemoryUse {
  HostVisible,  // kernels read/write mapped memory (zero-copy where it is also device-local)
  DeviceLocal,  // fastest for kernels, reached through staging copies
  Upload,       // staging host -> device: host-visible, coherent
  Readback,     // staging device -> host: host-visible, cached
};

// Index of a memory type allowed by type_bits with all `required` flags, preferring `preferred`;
// throws OutOfMemory-class errors when none fits.
uint32_t find_memory_type(const VkPhysicalDeviceMemoryProperties& props, uint32_t type_bits,
                          VkMemoryPropertyFlags required, VkMemoryPropertyFlags preferred);

class Buffer {
 public:
  Buffer(const DeviceContext& ctx, VkDeviceSize size, VkBufferUsageFlags usage, MemoryUse use);
  ~Buffer();
  Buffer(const Buffer&) = delete;
  Buffer& operator=(const Buffer&) = delete;

  VkBuffer handle() const { return buffer_; }
  VkDeviceSize size() const { return size_; }
  // Host pointer for mapped buffers, else nullptr.
  std::byte* mapped() const { return mapped_; }
  // For non-coherent memory: make host writes visible to the device / device writes to the host.
  void flush(VkDeviceSize offset, VkDeviceSize size) const;
  void invalidate(VkDeviceSize offset, VkDeviceSize size) const;

 private:
  VkMappedMemoryRange range(VkDeviceSize offset, VkDeviceSize size) const;

  const DeviceContext& ctx_;
  VkBuffer buffer_ = VK_NULL_HANDLE;
  VkDeviceMemory memory_ = VK_NULL_HANDLE;
  VkDeviceSize size_ = 0;
  VkDeviceSize allocation_size_ = 0;
  std::byte* mapped_ = nullptr;
  bool coherent_ = true;
};

}  // namespace gpuexec::vk
