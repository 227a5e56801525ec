#include "vulkan/wait_policy.hpp"

#include <cstdlib>
#include <string_view>

namespace gpuexec::vk {

std::chrono::microseconds spin_budget(const DeviceInfo& info, bool small_job) {
  static const std::string_view policy = [] {
    const char* raw = std::getenv("GPUEXEC_FENCE_WAIT");
    return std::string_view(raw ? raw : "");
  }();
  const bool gpu_rule =
      policy == "spin" || (policy != "block" && info.type != VK_PHYSICAL_DEVICE_TYPE_CPU);
  if (gpu_rule) return std::chrono::milliseconds(20);
  return std::chrono::microseconds(small_job ? 200 : 0);
}

}  // namespace gpuexec::vk
