// Device time of recorded work: two timestamps around it, read back after the submission has
// completed. Tells kernel time apart from submission and waiting on the host.
#pragma once

#include <optional>

#include "vulkan/logical_device.hpp"

namespace gpuexec::vk {

// How a queue family's timestamps read: the valid bits and the period. Shared by GpuTimer and
// PassProfile.
struct TimestampScale {
  uint64_t mask = ~uint64_t{0};
  double ns_per_tick = 1;
  double ms(uint64_t from, uint64_t to) const {
    return static_cast<double>((to - from) & mask) * ns_per_tick * 1e-6;
  }
};
// nullopt when the queue family writes no timestamps.
std::optional<TimestampScale> timestamp_scale(const LogicalDevice& ctx, uint32_t queue_family);
// A pool of `count` timestamp queries (destroy it with vkDestroyQueryPool).
VkQueryPool create_timestamp_pool(const LogicalDevice& ctx, uint32_t count);

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
  TimestampScale scale_;
};

}  // namespace gpuexec::vk
