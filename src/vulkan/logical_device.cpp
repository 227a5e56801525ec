#include "vulkan/logical_device.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <utility>
#include <vector>

#include "gpuexec/error.hpp"

namespace gpuexec::vk {

namespace {
std::optional<uint32_t> find_family(const DeviceInfo& info, VkQueueFlags want, VkQueueFlags avoid) {
  for (const QueueFamilyInfo& f : info.queue_families) {
    if ((f.flags & want) == want && (f.flags & avoid) == 0 && f.count > 0) return f.index;
  }
  return std::nullopt;
}

uint32_t queue_count(const DeviceInfo& info, uint32_t family) {
  for (const QueueFamilyInfo& f : info.queue_families) {
    if (f.index == family) return f.count;
  }
  return 0;
}
}  // namespace

LogicalDevice::LogicalDevice(const DeviceInfo& info)
    : info_(info), faults_(std::make_unique<FaultInjector>(fault_plan_from_env())) {
  // The first compute-capable family: on most GPUs the universal one, which runs at full priority.
  auto compute = find_family(info, VK_QUEUE_COMPUTE_BIT, 0);
  if (!compute) {
    throw Error(ErrorCode::NoDevice,
                fmt::format("device {} ({}) has no compute queue", info.index, info.name));
  }
  compute_family_ = *compute;
  transfer_family_ =
      find_family(info, VK_QUEUE_TRANSFER_BIT, VK_QUEUE_COMPUTE_BIT | VK_QUEUE_GRAPHICS_BIT);

  // Two queues of the transfer family where it has them: uploads on one and readbacks on the
  // other, so the two directions of the bus run at once (one queue runs them in turn).
  const uint32_t transfer_queues =
      transfer_family_ ? std::min(2u, queue_count(info, *transfer_family_)) : 0;
  const float priorities[2] = {1.0f, 1.0f};
  std::vector<VkDeviceQueueCreateInfo> queues;
  for (auto [family, count] : {std::pair{std::optional(compute_family_), 1u},
                               std::pair{transfer_family_, transfer_queues}}) {
    if (!family) continue;
    VkDeviceQueueCreateInfo q{.sType = VK_STRUCTURE_TYPE_DEVICE_QUEUE_CREATE_INFO};
    q.queueFamilyIndex = *family;
    q.queueCount = count;
    q.pQueuePriorities = priorities;
    queues.push_back(q);
  }

  VkPhysicalDeviceTimelineSemaphoreFeatures timeline{
      VK_STRUCTURE_TYPE_PHYSICAL_DEVICE_TIMELINE_SEMAPHORE_FEATURES};
  timeline.timelineSemaphore = info.timeline_semaphore ? VK_TRUE : VK_FALSE;
  VkPhysicalDeviceFeatures2 features{.sType = VK_STRUCTURE_TYPE_PHYSICAL_DEVICE_FEATURES_2};
  features.features.shaderInt64 = info.shader_int64 ? VK_TRUE : VK_FALSE;
  if (info.timeline_semaphore) features.pNext = &timeline;

  VkDeviceCreateInfo create{.sType = VK_STRUCTURE_TYPE_DEVICE_CREATE_INFO};
  create.pNext = &features;
  const char* host_import = VK_EXT_EXTERNAL_MEMORY_HOST_EXTENSION_NAME;
  if (info.external_memory_host) {
    create.enabledExtensionCount = 1;
    create.ppEnabledExtensionNames = &host_import;
  }
  create.queueCreateInfoCount = static_cast<uint32_t>(queues.size());
  create.pQueueCreateInfos = queues.data();
  check(vkCreateDevice(info.handle, &create, nullptr, &device_), "vkCreateDevice");
  timeline_ = info.timeline_semaphore;
  vkGetDeviceQueue(device_, compute_family_, 0, &compute_queue_);
  if (transfer_family_) {
    vkGetDeviceQueue(device_, *transfer_family_, 0, &transfer_queue_);
    vkGetDeviceQueue(device_, *transfer_family_, transfer_queues - 1, &readback_queue_);
  }
}

LogicalDevice::~LogicalDevice() {
  if (device_ != VK_NULL_HANDLE) {
    vkDeviceWaitIdle(device_);
    vkDestroyDevice(device_, nullptr);
  }
}

VkResult LogicalDevice::submit(VkQueue queue, const VkSubmitInfo& info, VkFence fence) const {
  if (lost()) return VK_ERROR_DEVICE_LOST;
  VkResult r = faults_->before_submit();
  if (r == VK_SUCCESS) r = vkQueueSubmit(queue, 1, &info, fence);
  if (r == VK_ERROR_DEVICE_LOST) mark_lost();
  return r;
}

VkResult LogicalDevice::allocate_memory(const VkMemoryAllocateInfo& info,
                                        VkDeviceMemory* memory) const {
  if (lost()) return VK_ERROR_DEVICE_LOST;
  VkResult r = faults_->before_allocate();
  if (r == VK_SUCCESS) r = vkAllocateMemory(device_, &info, nullptr, memory);
  if (r == VK_ERROR_DEVICE_LOST) mark_lost();
  return r;
}

void LogicalDevice::check(VkResult r, const char* what) const {
  if (r == VK_ERROR_DEVICE_LOST) mark_lost();
  vk::check(r, what);
}

}  // namespace gpuexec::vk
