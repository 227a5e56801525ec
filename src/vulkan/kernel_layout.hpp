// The interface every element-wise kernel shares: three storage buffers (A, B, C) in set 0 and
// the element count as a push constant. One per device, so a descriptor set serves every op.
#pragma once

#include "vulkan/device_context.hpp"

namespace gpuexec::vk {

inline constexpr uint32_t kKernelBindings = 3;

struct KernelPushConstants {
  uint32_t n;  // elements in this dispatch
};

class KernelLayout {
 public:
  explicit KernelLayout(const DeviceContext& ctx);
  ~KernelLayout();
  KernelLayout(const KernelLayout&) = delete;
  KernelLayout& operator=(const KernelLayout&) = delete;

  VkDescriptorSetLayout set_layout() const { return set_layout_; }
  VkPipelineLayout pipeline_layout() const { return pipeline_layout_; }

 private:
  VkDevice device_;
  VkDescriptorSetLayout set_layout_ = VK_NULL_HANDLE;
  VkPipelineLayout pipeline_layout_ = VK_NULL_HANDLE;
};

}  // namespace gpuexec::vk
