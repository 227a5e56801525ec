#include "vulkan/wait_policy.hpp"

#include "gpuexec/error.hpp"

namespace gpuexec::vk {

std::chrono::microseconds spin_budget(env::FenceWait policy, const DeviceInfo& info,
                                      bool small_job) {
  const bool gpu_rule =
      policy == env::FenceWait::Spin ||
      (policy == env::FenceWait::ByDevice && info.type != VK_PHYSICAL_DEVICE_TYPE_CPU);
  if (gpu_rule) return std::chrono::milliseconds(20);
  return std::chrono::microseconds(small_job ? 200 : 0);
}

std::chrono::microseconds spin_budget(const DeviceInfo& info, bool small_job) {
  env::FenceWait policy = env::FenceWait::ByDevice;
  try {
    policy = env::fence_wait();
  } catch (const Error&) {
    // Checked when the device opened (env::check_all); a value turned bad since must not make a
    // wait fail with work in flight: the device's own rule holds.
  }
  return spin_budget(policy, info, small_job);
}

}  // namespace gpuexec::vk
