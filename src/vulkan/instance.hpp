// The Vulkan instance: API version, optional Khronos validation routed into ValidationLog.
#pragma once

#include <vector>

#include "vulkan/vk.hpp"

namespace gpuexec::vk {

class Instance {
 public:
  // validation: enable VK_LAYER_KHRONOS_validation with synchronization validation (throws when
  // the layer is not installed).
  explicit Instance(bool validation);
  ~Instance();
  Instance(const Instance&) = delete;
  Instance& operator=(const Instance&) = delete;

  VkInstance handle() const { return instance_; }
  uint32_t api_version() const { return api_version_; }
  bool validation() const { return messenger_ != VK_NULL_HANDLE; }
  std::vector<VkPhysicalDevice> physical_devices() const;

 private:
  VkInstance instance_ = VK_NULL_HANDLE;
  VkDebugUtilsMessengerEXT messenger_ = VK_NULL_HANDLE;
  PFN_vkDestroyDebugUtilsMessengerEXT destroy_messenger_ = nullptr;
  uint32_t api_version_ = VK_API_VERSION_1_1;
};

}  // namespace gpuexec::vk
