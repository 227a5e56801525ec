// Device time of recorded work: two timestamps around it, read back after the submission has
// completed. Tells kernel time apart from submission and waiting on the host.
#pragma once

#include "vulkan/logical_device.hpp"

namespace gpuexec::vk {

class GpuTimer {
 public:
  // Throws NoDevice when the queue family writes no timestamps.
  GpuTimer(const LogicalDevice& ctx, uint32_t queue_family);
  ~GpuTimer();
  GpuTimer(const GpuTimer&) = delete;
  GpuTimer& operator=(const GpuTimer&) = delete;

  // Recorded before and after the work to time, in one command buffer.
  void start(VkCommandBuffer cmd) const;
  void stop(VkCommandBuffer cmd) const;
  // Milliseconds between the two, once that command buffer has completed.
  double elapsed_ms() const;

 private:
  const LogicalDevice& ctx_;
  VkQueryPool pool_ = VK_NULL_HANDLE;
  double ns_per_tick_ = 1;
  uint64_t mask_ = ~uint64_t{0};
};

}  // namespace gpuexec::vk
