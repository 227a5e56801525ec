// What a physical device is and offers, read once, and which device a job runs on by default.
#pragma once

#include <array>
#include <cstdint>
#include <string>
#include <vector>

#include "vulkan/vk.hpp"

namespace gpuexec::vk {

struct QueueFamilyInfo {
  uint32_t index = 0;
  VkQueueFlags flags = 0;
  uint32_t count = 0;
  uint32_t timestamp_valid_bits = 0;
};

inline constexpr uint32_t kNvidiaVendorId = 0x10de;

struct DeviceInfo {
  uint32_t index = 0;
  VkPhysicalDevice handle = VK_NULL_HANDLE;
  std::string name;
  VkPhysicalDeviceType type = VK_PHYSICAL_DEVICE_TYPE_OTHER;
  uint32_t vendor_id = 0, device_id = 0;
  uint32_t api_version = 0, driver_version = 0;
  std::string driver_name, driver_info;
  std::array<uint8_t, VK_UUID_SIZE> pipeline_cache_uuid{};
  bool shader_int64 = false;
  bool timeline_semaphore = false;
  // VK_EXT_external_memory_host: the device reads and writes host arrays imported in place.
  bool external_memory_host = false;
  VkDeviceSize min_imported_host_pointer_alignment = 0;
  // Subgroups: their size, whether compute shaders have shuffles, and whether the size is fixed
  // (VkPhysicalDeviceSubgroupSizeControlProperties: min == max; unknown counts as not fixed).
  uint32_t subgroup_size = 0;
  bool subgroup_shuffle = false;
  bool subgroup_size_fixed = false;
  std::vector<QueueFamilyInfo> queue_families;
  VkPhysicalDeviceMemoryProperties memory{};
  VkPhysicalDeviceLimits limits{};

  // Vulkan 1.1 is enough: without shaderInt64 the u32-limb kernels run.
  bool usable() const { return api_version >= VK_API_VERSION_1_1; }
};

std::vector<DeviceInfo> query_devices(const std::vector<VkPhysicalDevice>& devices);

const char* device_type_name(VkPhysicalDeviceType type);
std::string version_string(uint32_t api_version);
std::string driver_version_string(const DeviceInfo& d);

// The best usable device: discrete > integrated > virtual > CPU, then the lowest index.
// Throws NoDevice when none is usable.
uint32_t default_device_index(const std::vector<DeviceInfo>& devices);

// requested >= 0 wins, then GPUEXEC_DEVICE, then the default. A bad index or an unusable device
// is a clear error (InvalidArgument / NoDevice), and so is a bad value of any environment
// variable (env::check_all): every device opens through here.
uint32_t resolve_device_index(const std::vector<DeviceInfo>& devices, int requested);

}  // namespace gpuexec::vk
