#include "vulkan/kernel_layout.hpp"

namespace gpuexec::vk {

KernelLayout::KernelLayout(const DeviceContext& ctx) : device_(ctx.device()) {
  VkDescriptorSetLayoutBinding bindings[kKernelBindings];
  for (uint32_t i = 0; i < kKernelBindings; ++i) {
    bindings[i] = {i, VK_DESCRIPTOR_TYPE_STORAGE_BUFFER, 1, VK_SHADER_STAGE_COMPUTE_BIT, nullptr};
  }
  VkDescriptorSetLayoutCreateInfo set_info{.sType =
                                               VK_STRUCTURE_TYPE_DESCRIPTOR_SET_LAYOUT_CREATE_INFO};
  set_info.bindingCount = kKernelBindings;
  set_info.pBindings = bindings;
  check(vkCreateDescriptorSetLayout(device_, &set_info, nullptr, &set_layout_),
        "vkCreateDescriptorSetLayout");

  VkPushConstantRange push{VK_SHADER_STAGE_COMPUTE_BIT, 0, sizeof(KernelPushConstants)};
  VkPipelineLayoutCreateInfo layout_info{.sType = VK_STRUCTURE_TYPE_PIPELINE_LAYOUT_CREATE_INFO};
  layout_info.setLayoutCount = 1;
  layout_info.pSetLayouts = &set_layout_;
  layout_info.pushConstantRangeCount = 1;
  layout_info.pPushConstantRanges = &push;
  const VkResult r = vkCreatePipelineLayout(device_, &layout_info, nullptr, &pipeline_layout_);
  if (r != VK_SUCCESS) {
    vkDestroyDescriptorSetLayout(device_, set_layout_, nullptr);
    check(r, "vkCreatePipelineLayout");
  }
}

KernelLayout::~KernelLayout() {
  vkDestroyPipelineLayout(device_, pipeline_layout_, nullptr);
  vkDestroyDescriptorSetLayout(device_, set_layout_, nullptr);
}

}  // namespace gpuexec::vk
