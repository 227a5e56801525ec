#include "vulkan/kernel_pipeline.hpp"

namespace gpuexec::vk {

KernelPipeline::KernelPipeline(const DeviceContext& ctx, const KernelLayout& layout,
                               const spirv::SpirvModule& module, uint32_t local_size,
                               VkPipelineCache cache)
    : device_(ctx.device()), local_size_(local_size) {
  VkShaderModuleCreateInfo shader_info{.sType = VK_STRUCTURE_TYPE_SHADER_MODULE_CREATE_INFO};
  shader_info.codeSize = module.words.size() * sizeof(uint32_t);
  shader_info.pCode = module.words.data();
  VkShaderModule shader = VK_NULL_HANDLE;
  check(vkCreateShaderModule(device_, &shader_info, nullptr, &shader), "vkCreateShaderModule");

  const VkSpecializationMapEntry entry{0, 0, sizeof(uint32_t)};
  const VkSpecializationInfo spec{1, &entry, sizeof(uint32_t), &local_size_};
  VkComputePipelineCreateInfo info{.sType = VK_STRUCTURE_TYPE_COMPUTE_PIPELINE_CREATE_INFO};
  info.stage = {.sType = VK_STRUCTURE_TYPE_PIPELINE_SHADER_STAGE_CREATE_INFO};
  info.stage.stage = VK_SHADER_STAGE_COMPUTE_BIT;
  info.stage.module = shader;
  info.stage.pName = "main";
  info.stage.pSpecializationInfo = &spec;
  info.layout = layout.pipeline_layout();
  const VkResult r = vkCreateComputePipelines(device_, cache, 1, &info, nullptr, &pipeline_);
  // The pipeline keeps what it needs; the module can go either way.
  vkDestroyShaderModule(device_, shader, nullptr);
  check(r, "vkCreateComputePipelines");
}

KernelPipeline::~KernelPipeline() {
  vkDestroyPipeline(device_, pipeline_, nullptr);
}

}  // namespace gpuexec::vk
