// A compute kernel in the spirit of Kompute's Algorithm: SPIR-V, specialization constants, a
// push-constant block of some size and N storage-buffer bindings in set 0. It owns its layouts
// and pipeline; recording its dispatches is Recording's job.
#pragma once

#include <cstdint>
#include <vector>

#include "spirv/spirv_loader.hpp"
#include "vulkan/logical_device.hpp"

namespace gpuexec::vk {

// What a kernel is built from, besides its SPIR-V.
struct KernelShape {
  uint32_t bindings = 0;       // storage buffers 0 .. bindings-1 in set 0
  uint32_t push_bytes = 0;     // size of the push-constant block (0: none)
  std::vector<uint32_t> spec;  // specialization constants 0, 1, ... (u32 each)
  uint32_t local_size = 1;     // workgroup size in x; the shaders take it as spec constant 0
};

class Kernel {
 public:
  Kernel(const LogicalDevice& device, const spirv::SpirvModule& module, KernelShape shape,
         VkPipelineCache cache);
  ~Kernel();
  Kernel(const Kernel&) = delete;
  Kernel& operator=(const Kernel&) = delete;

  const KernelShape& shape() const { return shape_; }
  uint32_t local_size() const { return shape_.local_size; }
  VkPipeline pipeline() const { return pipeline_; }
  VkPipelineLayout pipeline_layout() const { return pipeline_layout_; }
  VkDescriptorSetLayout set_layout() const { return set_layout_; }

 private:
  VkDevice device_;
  KernelShape shape_;
  VkDescriptorSetLayout set_layout_ = VK_NULL_HANDLE;
  VkPipelineLayout pipeline_layout_ = VK_NULL_HANDLE;
  VkPipeline pipeline_ = VK_NULL_HANDLE;
};

}  // namespace gpuexec::vk
