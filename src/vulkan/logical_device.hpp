// A logical device on one physical device: features enabled through a Features2 chain, a compute
// queue, dedicated transfer queues (one, or one per direction) where the device has them, and every
// submission and memory allocation passing through the fault injector.
#pragma once

#include <atomic>
#include <memory>
#include <optional>

#include "vulkan/device_info.hpp"
#include "vulkan/fault_injector.hpp"
#include "vulkan/vk.hpp"

namespace gpuexec::vk {

class LogicalDevice {
 public:
  explicit LogicalDevice(const DeviceInfo& info);
  ~LogicalDevice();
  LogicalDevice(const LogicalDevice&) = delete;
  LogicalDevice& operator=(const LogicalDevice&) = delete;

  const DeviceInfo& info() const { return info_; }
  VkDevice device() const { return device_; }
  VkQueue compute_queue() const { return compute_queue_; }
  uint32_t compute_family() const { return compute_family_; }
  // A queue family with TRANSFER but neither COMPUTE nor GRAPHICS, if the device has one.
  std::optional<uint32_t> transfer_family() const { return transfer_family_; }
  VkQueue transfer_queue() const { return transfer_queue_; }
  // The transfer family's second queue where it has two, else transfer_queue().
  VkQueue readback_queue() const { return readback_queue_; }
  bool timeline_semaphores() const { return timeline_; }

  // vkQueueSubmit and vkAllocateMemory through the fault injector. Once the device is lost
  // neither reaches the driver.
  VkResult submit(VkQueue queue, const VkSubmitInfo& info, VkFence fence) const;
  VkResult allocate_memory(const VkMemoryAllocateInfo& info, VkDeviceMemory* memory) const;
  // vk::check for a result of this device: VK_ERROR_DEVICE_LOST also marks it lost.
  void check(VkResult r, const char* what) const;
  // VK_ERROR_DEVICE_LOST seen on this device: nothing created on it can be used again.
  bool lost() const { return lost_.load(); }
  void mark_lost() const { lost_.store(true); }
  FaultInjector& faults() const { return *faults_; }

 private:
  DeviceInfo info_;
  VkDevice device_ = VK_NULL_HANDLE;
  uint32_t compute_family_ = 0;
  VkQueue compute_queue_ = VK_NULL_HANDLE;
  std::optional<uint32_t> transfer_family_;
  VkQueue transfer_queue_ = VK_NULL_HANDLE, readback_queue_ = VK_NULL_HANDLE;
  bool timeline_ = false;
  std::unique_ptr<FaultInjector> faults_;
  mutable std::atomic<bool> lost_{false};
};

}  // namespace gpuexec::vk
