// Device memory suballocated from large blocks, one vkAllocateMemory per block rather than per
// buffer; host-visible blocks are mapped once for their lifetime.
#pragma once

#include <cstddef>
#include <map>
#include <memory>
#include <mutex>
#include <vector>

#include "vulkan/logical_device.hpp"

namespace gpuexec::vk {

enum class MemoryUse {
  HostVisible,  // kernels read/write mapped memory (zero-copy where it is also device-local)
  DeviceLocal,  // fastest for kernels, reached through staging copies
  Upload,       // staging host -> device: host-visible, coherent
  Readback,     // staging device -> host: host-visible, cached (uncached reads are ~10x slower)
};

const char* memory_use_name(MemoryUse use);

// Index of a memory type allowed by type_bits with all `required` flags, preferring `preferred`;
// throws OutOfMemory when none fits.
uint32_t find_memory_type(const VkPhysicalDeviceMemoryProperties& props, uint32_t type_bits,
                          VkMemoryPropertyFlags required, VkMemoryPropertyFlags preferred);

struct Allocation {
  VkDeviceMemory memory = VK_NULL_HANDLE;
  VkDeviceSize offset = 0, size = 0;
  std::byte* mapped = nullptr;  // host address of `offset` when host-visible
  bool coherent = true;
  const void* block = nullptr;  // the owning block, for free()
};

struct AllocatorStats {
  uint64_t blocks = 0;
  uint64_t bytes_reserved = 0;  // held from Vulkan
  uint64_t bytes_in_use = 0;    // handed out to buffers
  uint64_t vk_allocations = 0;  // vkAllocateMemory calls so far
};

class MemoryAllocator {
 public:
  static constexpr VkDeviceSize kBlockSize = VkDeviceSize{64} << 20;

  // cap_bytes: most bytes held from Vulkan at once (0: GPUEXEC_MAX_DEVICE_MEMORY, else no cap).
  MemoryAllocator(const LogicalDevice& ctx, VkDeviceSize cap_bytes = 0);
  ~MemoryAllocator();
  MemoryAllocator(const MemoryAllocator&) = delete;
  MemoryAllocator& operator=(const MemoryAllocator&) = delete;

  Allocation allocate(const VkMemoryRequirements& req, MemoryUse use);
  void free(const Allocation& a);
  AllocatorStats stats() const;

 private:
  struct Block {
    VkDeviceMemory memory = VK_NULL_HANDLE;
    VkDeviceSize size = 0, used = 0;
    uint32_t type = 0;
    std::byte* mapped = nullptr;
    bool coherent = true;
    std::map<VkDeviceSize, VkDeviceSize> free;  // offset -> size, coalesced
  };
  bool carve(Block& block, VkDeviceSize size, VkDeviceSize alignment, Allocation& out);
  Block& new_block(uint32_t type, VkDeviceSize size);
  void release_block(std::size_t index);

  const LogicalDevice& ctx_;
  VkDeviceSize cap_;
  bool cached_inputs_ = false;  // GPUEXEC_HOST_INPUT_MEMORY=cached
  mutable std::mutex mutex_;
  std::vector<std::unique_ptr<Block>> blocks_;
  AllocatorStats stats_;
};

}  // namespace gpuexec::vk
