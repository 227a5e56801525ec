#include "vulkan/kernel.hpp"

namespace gpuexec::vk {

Kernel::Kernel(const LogicalDevice& device, const spirv::SpirvModule& module, KernelShape shape,
               VkPipelineCache cache)
    : device_(device.device()), shape_(std::move(shape)) {
  std::vector<VkDescriptorSetLayoutBinding> bindings(shape_.bindings);
  for (uint32_t i = 0; i < shape_.bindings; ++i) {
    bindings[i] = {i, VK_DESCRIPTOR_TYPE_STORAGE_BUFFER, 1, VK_SHADER_STAGE_COMPUTE_BIT, nullptr};
  }
  VkDescriptorSetLayoutCreateInfo set_info{.sType =
                                               VK_STRUCTURE_TYPE_DESCRIPTOR_SET_LAYOUT_CREATE_INFO};
  set_info.bindingCount = shape_.bindings;
  set_info.pBindings = bindings.data();
  check(vkCreateDescriptorSetLayout(device_, &set_info, nullptr, &set_layout_),
        "vkCreateDescriptorSetLayout");

  const VkPushConstantRange push{VK_SHADER_STAGE_COMPUTE_BIT, 0, shape_.push_bytes};
  VkPipelineLayoutCreateInfo layout_info{.sType = VK_STRUCTURE_TYPE_PIPELINE_LAYOUT_CREATE_INFO};
  layout_info.setLayoutCount = 1;
  layout_info.pSetLayouts = &set_layout_;
  layout_info.pushConstantRangeCount = shape_.push_bytes ? 1 : 0;
  layout_info.pPushConstantRanges = &push;
  VkResult r = vkCreatePipelineLayout(device_, &layout_info, nullptr, &pipeline_layout_);
  if (r != VK_SUCCESS) {
    vkDestroyDescriptorSetLayout(device_, set_layout_, nullptr);
    check(r, "vkCreatePipelineLayout");
  }

  VkShaderModuleCreateInfo shader_info{.sType = VK_STRUCTURE_TYPE_SHADER_MODULE_CREATE_INFO};
  shader_info.codeSize = module.words.size() * sizeof(uint32_t);
  shader_info.pCode = module.words.data();
  VkShaderModule shader = VK_NULL_HANDLE;
  r = vkCreateShaderModule(device_, &shader_info, nullptr, &shader);
  if (r == VK_SUCCESS) {
    // Constant 0 is the workgroup size; the kernel's own constants follow it.
    std::vector<uint32_t> values{shape_.local_size};
    values.insert(values.end(), shape_.spec.begin(), shape_.spec.end());
    std::vector<VkSpecializationMapEntry> entries(values.size());
    for (uint32_t i = 0; i < entries.size(); ++i) {
      entries[i] = {i, i * uint32_t{sizeof(uint32_t)}, sizeof(uint32_t)};
    }
    const VkSpecializationInfo spec{static_cast<uint32_t>(entries.size()), entries.data(),
                                    values.size() * sizeof(uint32_t), values.data()};
    VkComputePipelineCreateInfo info{.sType = VK_STRUCTURE_TYPE_COMPUTE_PIPELINE_CREATE_INFO};
    info.stage = {.sType = VK_STRUCTURE_TYPE_PIPELINE_SHADER_STAGE_CREATE_INFO};
    info.stage.stage = VK_SHADER_STAGE_COMPUTE_BIT;
    info.stage.module = shader;
    info.stage.pName = "main";
    info.stage.pSpecializationInfo = &spec;
    info.layout = pipeline_layout_;
    r = vkCreateComputePipelines(device_, cache, 1, &info, nullptr, &pipeline_);
    // The pipeline keeps what it needs; the module can go either way.
    vkDestroyShaderModule(device_, shader, nullptr);
  }
  if (r != VK_SUCCESS) {
    vkDestroyPipelineLayout(device_, pipeline_layout_, nullptr);
    vkDestroyDescriptorSetLayout(device_, set_layout_, nullptr);
    check(r, "vkCreateComputePipelines");
  }
}

Kernel::~Kernel() {
  vkDestroyPipeline(device_, pipeline_, nullptr);
  vkDestroyPipelineLayout(device_, pipeline_layout_, nullptr);
  vkDestroyDescriptorSetLayout(device_, set_layout_, nullptr);
}

}  // namespace gpuexec::vk
