// One compute pipeline for an element-wise kernel on the shared KernelLayout, with the workgroup
// size as specialization constant 0.
#pragma once

#include "spirv/spirv_loader.hpp"
#include "vulkan/kernel_layout.hpp"

namespace gpuexec::vk {

class KernelPipeline {
 public:
  KernelPipeline(const DeviceContext& ctx, const KernelLayout& layout,
                 const spirv::SpirvModule& module, uint32_t local_size, VkPipelineCache cache);
  ~KernelPipeline();
  KernelPipeline(const KernelPipeline&) = delete;
  KernelPipeline& operator=(const KernelPipeline&) = delete;

  VkPipeline pipeline() const { return pipeline_; }
  uint32_t local_size() const { return local_size_; }

 private:
  VkDevice device_;
  uint32_t local_size_;
  VkPipeline pipeline_ = VK_NULL_HANDLE;
};

}  // namespace gpuexec::vk
