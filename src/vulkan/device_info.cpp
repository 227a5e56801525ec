#include "vulkan/device_info.hpp"

#include <fmt/format.h>

#include <cstring>
#include <optional>

#include "config/environment.hpp"
#include "gpuexec/error.hpp"

namespace gpuexec::vk {

namespace {
DeviceInfo query_one(VkPhysicalDevice pd, uint32_t index) {
  DeviceInfo d;
  d.index = index;
  d.handle = pd;

  VkPhysicalDeviceProperties base{};
  vkGetPhysicalDeviceProperties(pd, &base);
  VkPhysicalDeviceDriverProperties driver{.sType =
                                              VK_STRUCTURE_TYPE_PHYSICAL_DEVICE_DRIVER_PROPERTIES};
  uint32_t extension_count = 0;
  vkEnumerateDeviceExtensionProperties(pd, nullptr, &extension_count, nullptr);
  std::vector<VkExtensionProperties> extensions(extension_count);
  vkEnumerateDeviceExtensionProperties(pd, nullptr, &extension_count, extensions.data());
  bool size_control = base.apiVersion >= VK_API_VERSION_1_3;
  for (const VkExtensionProperties& e : extensions) {
    if (std::strcmp(e.extensionName, VK_EXT_EXTERNAL_MEMORY_HOST_EXTENSION_NAME) == 0) {
      d.external_memory_host = true;
    }
    if (std::strcmp(e.extensionName, VK_EXT_SUBGROUP_SIZE_CONTROL_EXTENSION_NAME) == 0) {
      size_control = true;
    }
  }
  VkPhysicalDeviceExternalMemoryHostPropertiesEXT host{
      .sType = VK_STRUCTURE_TYPE_PHYSICAL_DEVICE_EXTERNAL_MEMORY_HOST_PROPERTIES_EXT};
  VkPhysicalDeviceSubgroupProperties subgroup{
      .sType = VK_STRUCTURE_TYPE_PHYSICAL_DEVICE_SUBGROUP_PROPERTIES};
  VkPhysicalDeviceSubgroupSizeControlProperties sizes{
      .sType = VK_STRUCTURE_TYPE_PHYSICAL_DEVICE_SUBGROUP_SIZE_CONTROL_PROPERTIES};
  VkPhysicalDeviceProperties2 props{.sType = VK_STRUCTURE_TYPE_PHYSICAL_DEVICE_PROPERTIES_2};
  const auto chain = [&props](auto& s) {
    s.pNext = props.pNext;
    props.pNext = &s;
  };
  if (base.apiVersion >= VK_API_VERSION_1_2) chain(driver);
  if (d.external_memory_host) chain(host);
  if (base.apiVersion >= VK_API_VERSION_1_1) chain(subgroup);
  if (size_control) chain(sizes);
  vkGetPhysicalDeviceProperties2(pd, &props);
  d.subgroup_size = subgroup.subgroupSize;
  d.subgroup_shuffle = (subgroup.supportedStages & VK_SHADER_STAGE_COMPUTE_BIT) != 0 &&
                       (subgroup.supportedOperations & VK_SUBGROUP_FEATURE_SHUFFLE_BIT) != 0;
  d.subgroup_size_fixed = size_control && sizes.minSubgroupSize == sizes.maxSubgroupSize &&
                          sizes.minSubgroupSize == subgroup.subgroupSize;
  d.min_imported_host_pointer_alignment = host.minImportedHostPointerAlignment;
  const VkPhysicalDeviceProperties& p = props.properties;
  d.name = p.deviceName;
  d.type = p.deviceType;
  d.vendor_id = p.vendorID;
  d.device_id = p.deviceID;
  d.api_version = p.apiVersion;
  d.driver_version = p.driverVersion;
  d.limits = p.limits;
  std::memcpy(d.pipeline_cache_uuid.data(), p.pipelineCacheUUID, VK_UUID_SIZE);
  if (base.apiVersion >= VK_API_VERSION_1_2) {
    d.driver_name = driver.driverName;
    d.driver_info = driver.driverInfo;
  }

  VkPhysicalDeviceTimelineSemaphoreFeatures timeline{
      VK_STRUCTURE_TYPE_PHYSICAL_DEVICE_TIMELINE_SEMAPHORE_FEATURES};
  VkPhysicalDeviceFeatures2 features{.sType = VK_STRUCTURE_TYPE_PHYSICAL_DEVICE_FEATURES_2};
  if (base.apiVersion >= VK_API_VERSION_1_2) features.pNext = &timeline;
  vkGetPhysicalDeviceFeatures2(pd, &features);
  d.shader_int64 = features.features.shaderInt64 == VK_TRUE;
  d.timeline_semaphore = timeline.timelineSemaphore == VK_TRUE;

  uint32_t count = 0;
  vkGetPhysicalDeviceQueueFamilyProperties(pd, &count, nullptr);
  std::vector<VkQueueFamilyProperties> families(count);
  vkGetPhysicalDeviceQueueFamilyProperties(pd, &count, families.data());
  for (uint32_t i = 0; i < count; ++i) {
    d.queue_families.push_back(
        {i, families[i].queueFlags, families[i].queueCount, families[i].timestampValidBits});
  }
  vkGetPhysicalDeviceMemoryProperties(pd, &d.memory);
  return d;
}

int type_rank(VkPhysicalDeviceType type) {
  switch (type) {
    case VK_PHYSICAL_DEVICE_TYPE_DISCRETE_GPU:
      return 0;
    case VK_PHYSICAL_DEVICE_TYPE_INTEGRATED_GPU:
      return 1;
    case VK_PHYSICAL_DEVICE_TYPE_VIRTUAL_GPU:
      return 2;
    case VK_PHYSICAL_DEVICE_TYPE_CPU:
      return 3;
    default:
      return 4;
  }
}
}  // namespace

std::vector<DeviceInfo> query_devices(const std::vector<VkPhysicalDevice>& devices) {
  std::vector<DeviceInfo> out;
  for (uint32_t i = 0; i < devices.size(); ++i) out.push_back(query_one(devices[i], i));
  return out;
}

const char* device_type_name(VkPhysicalDeviceType type) {
  switch (type) {
    case VK_PHYSICAL_DEVICE_TYPE_DISCRETE_GPU:
      return "discrete";
    case VK_PHYSICAL_DEVICE_TYPE_INTEGRATED_GPU:
      return "integrated";
    case VK_PHYSICAL_DEVICE_TYPE_VIRTUAL_GPU:
      return "virtual";
    case VK_PHYSICAL_DEVICE_TYPE_CPU:
      return "cpu";
    default:
      return "other";
  }
}

std::string version_string(uint32_t v) {
  return fmt::format("{}.{}.{}", VK_API_VERSION_MAJOR(v), VK_API_VERSION_MINOR(v),
                     VK_API_VERSION_PATCH(v));
}

std::string driver_version_string(const DeviceInfo& d) {
  const uint32_t v = d.driver_version;
  if (d.vendor_id == kNvidiaVendorId) {  // NVIDIA packs 10.8.8.6 bits
    return fmt::format("{}.{}.{}.{}", v >> 22, (v >> 14) & 0xff, (v >> 6) & 0xff, v & 0x3f);
  }
  return version_string(v);
}

uint32_t default_device_index(const std::vector<DeviceInfo>& devices) {
  const DeviceInfo* best = nullptr;
  for (const DeviceInfo& d : devices) {
    if (!d.usable()) continue;
    if (!best || type_rank(d.type) < type_rank(best->type)) best = &d;
  }
  if (!best) {
    throw Error(ErrorCode::NoDevice,
                devices.empty()
                    ? "no Vulkan device found"
                    : "no Vulkan device with shaderInt64 (needed by the u64-limb kernels)");
  }
  return best->index;
}

uint32_t resolve_device_index(const std::vector<DeviceInfo>& devices, int requested) {
  // Every device opens through here: a bad setting of any variable fails the open, with its
  // name, before the device runs anything.
  env::check_all();
  std::string source = "--device";
  if (requested < 0) {
    const std::optional<int> from_env = env::device();
    if (!from_env) return default_device_index(devices);
    requested = *from_env;
    source = "GPUEXEC_DEVICE";
  }
  if (static_cast<std::size_t>(requested) >= devices.size()) {
    throw Error(ErrorCode::InvalidArgument,
                fmt::format("{} {}: no such Vulkan device ({} found; see `gpuexec devices`)",
                            source, requested, devices.size()));
  }
  const DeviceInfo& d = devices[static_cast<std::size_t>(requested)];
  if (!d.usable()) {
    throw Error(ErrorCode::NoDevice,
                fmt::format("device {} ({}) supports only Vulkan {}; 1.1 is needed", requested,
                            d.name, version_string(d.api_version)));
  }
  return d.index;
}

}  // namespace gpuexec::vk
