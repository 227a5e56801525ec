// One command buffer being recorded, in the spirit of Kompute's Sequence: kernels' dispatches
// with their descriptor sets and push constants, copies and barriers, so several passes go into
// one submission. Descriptor allocation, update and binding happen here and nowhere else.
#pragma once

#include <cstddef>
#include <span>
#include <vector>

#include "vulkan/buffer.hpp"
#include "vulkan/kernel.hpp"

namespace gpuexec::vk {

// A binding: a range of one buffer.
struct BufferRange {
  VkBuffer buffer = VK_NULL_HANDLE;
  VkDeviceSize offset = 0, bytes = 0;
  friend bool operator==(const BufferRange&, const BufferRange&) = default;
};

// What a barrier orders: the writes of `from` before the accesses of `to`.
enum class Hazard {
  UploadToKernel,    // transfer writes -> shader reads
  KernelToKernel,    // shader writes -> shader reads and writes (passes of one job)
  KernelToReadback,  // shader writes -> transfer reads
  ToHost,            // shader or transfer writes -> host reads
  Any,               // shader or transfer writes -> any shader or transfer access
};

// Workgroup counts (x, y) for n elements: x is capped by maxComputeWorkGroupCount[0], the rest
// spills into y (the shaders fold y back into one index).
struct DispatchSize {
  uint32_t x = 0, y = 0;
};
DispatchSize dispatch_size(std::size_t n, uint32_t local_size, const DeviceInfo& device);

class Recording {
 public:
  // reuse_sets: a descriptor set written for a kernel layout and buffer ranges is kept for later
  // recordings; only for buffers that outlive this recording (a freed buffer's handle can come
  // back for another buffer).
  Recording(const LogicalDevice& device, uint32_t queue_family, bool reuse_sets = false);
  ~Recording();
  Recording(const Recording&) = delete;
  Recording& operator=(const Recording&) = delete;

  // Resets the command pool and begins a one-time-submit recording. The previous recording's
  // submission must have completed.
  VkCommandBuffer begin();
  VkCommandBuffer end();
  VkCommandBuffer handle() const { return cmd_; }
  uint32_t queue_family() const { return family_; }

  // One dispatch of kernel over `bindings` (one range per binding) with a push-constant block.
  void dispatch(const Kernel& kernel, std::span<const BufferRange> bindings,
                std::span<const std::byte> push, DispatchSize groups);
  // An element-wise dispatch: push constant {uint n}, enough workgroups for n elements.
  void dispatch_elements(const Kernel& kernel, std::span<const BufferRange> bindings,
                         std::size_t n);
  void copy(const Buffer& src, const Buffer& dst, std::span<const VkBufferCopy> regions);
  void copy(VkBuffer src, VkBuffer dst, std::span<const VkBufferCopy> regions);
  void barrier(Hazard hazard);

 private:
  VkDescriptorSet descriptor_set(const Kernel& kernel, std::span<const BufferRange> bindings);
  void reset_descriptor_pools();
  void next_descriptor_pool(uint32_t descriptors);

  struct CachedSet {
    VkDescriptorSetLayout layout;
    std::vector<BufferRange> ranges;
    VkDescriptorSet set;
  };
  const LogicalDevice& device_;
  uint32_t family_;
  bool compute_;  // the family runs compute work (else transfers only)
  VkCommandPool pool_ = VK_NULL_HANDLE;
  VkCommandBuffer cmd_ = VK_NULL_HANDLE;
  bool reuse_sets_;
  struct DescriptorPool {
    VkDescriptorPool pool;
    uint32_t descriptors;  // capacity
  };
  std::vector<DescriptorPool> descriptor_pools_;
  std::size_t current_ = 0;                        // the pool sets come from now
  uint32_t sets_left_ = 0, descriptors_left_ = 0;  // in that pool
  std::vector<CachedSet> sets_;
  VkPipeline bound_ = VK_NULL_HANDLE;  // within this recording
};

}  // namespace gpuexec::vk
