// Device-resident vectors on Vulkan: staged writes and reads, and element-wise ops whose inputs
// and outputs are device-local buffers, chunked only where a binding would exceed the device's
// maxStorageBufferRange. Every command buffer starts with a barrier against earlier writes.
#pragma once

#include <span>

#include "gpuexec/fp.hpp"
#include "vulkan/buffer_pool.hpp"
#include "vulkan/command_context.hpp"
#include "vulkan/gpu_timer.hpp"
#include "vulkan/kernel_layout.hpp"
#include "vulkan/kernel_pipeline.hpp"
#include "vulkan/runner_settings.hpp"

namespace gpuexec::vk {

class ResidentOps {
 public:
  ResidentOps(const DeviceContext& ctx, BufferPool& pool, const KernelLayout& layout,
              const RunnerSettings& settings);
  ~ResidentOps();
  ResidentOps(const ResidentOps&) = delete;
  ResidentOps& operator=(const ResidentOps&) = delete;

  void write(const Buffer& dst, std::span<const Fp> values);
  void read(const Buffer& src, std::span<Fp> out);
  // out = kernel(a, b) over n elements, all device buffers.
  void run(const KernelPipeline& kernel, const Buffer& a, const Buffer& b, const Buffer& out,
           std::size_t n);
  // Device time of the ops from now on (benchmarks); nullptr stops timing.
  void time_with(const GpuTimer* timer) { timer_ = timer; }
  // Device milliseconds of the last op run while timed.
  double last_gpu_ms() const { return last_gpu_ms_; }

 private:
  static constexpr uint32_t kSetsPerSubmit = 64;
  void begin_with_barrier(VkCommandBuffer cmd);

  const DeviceContext& ctx_;
  BufferPool& pool_;
  const KernelLayout& layout_;
  std::size_t dispatch_elems_;  // per binding at most
  std::size_t staging_elems_;
  CommandContext commands_;
  VkDescriptorPool descriptor_pool_ = VK_NULL_HANDLE;
  const GpuTimer* timer_ = nullptr;
  double last_gpu_ms_ = 0;
};

}  // namespace gpuexec::vk
