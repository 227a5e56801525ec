// gpuexec devices: every Vulkan device with what the executor cares about; marks the default.
#include <fmt/format.h>

#include <string>
#include <vector>

#include "commands.hpp"
#include "config/environment.hpp"
#include "gpuexec/error.hpp"
#include "gpuexec/validation_log.hpp"
#include "vulkan/device_info.hpp"
#include "vulkan/instance.hpp"

namespace gpuexec::cli {

namespace {
std::string flag_list(uint32_t flags, const std::vector<std::pair<uint32_t, const char*>>& names) {
  std::string out;
  for (const auto& [bit, name] : names) {
    if (!(flags & bit)) continue;
    if (!out.empty()) out += '|';
    out += name;
  }
  return out.empty() ? "-" : out;
}

std::string queue_flags(VkQueueFlags f) {
  return flag_list(f, {{VK_QUEUE_GRAPHICS_BIT, "graphics"},
                       {VK_QUEUE_COMPUTE_BIT, "compute"},
                       {VK_QUEUE_TRANSFER_BIT, "transfer"},
                       {VK_QUEUE_SPARSE_BINDING_BIT, "sparse"}});
}

std::string memory_flags(VkMemoryPropertyFlags f) {
  return flag_list(f, {{VK_MEMORY_PROPERTY_DEVICE_LOCAL_BIT, "device-local"},
                       {VK_MEMORY_PROPERTY_HOST_VISIBLE_BIT, "host-visible"},
                       {VK_MEMORY_PROPERTY_HOST_COHERENT_BIT, "host-coherent"},
                       {VK_MEMORY_PROPERTY_HOST_CACHED_BIT, "host-cached"},
                       {VK_MEMORY_PROPERTY_LAZILY_ALLOCATED_BIT, "lazily-allocated"}});
}

std::string gib(VkDeviceSize bytes) {
  return fmt::format("{:.2f} GiB", bytes / double(1ull << 30));
}

void print_device(const vk::DeviceInfo& d, bool is_default) {
  fmt::print("device {}{}: {}\n", d.index, is_default ? " (default)" : "", d.name);
  fmt::print("  type: {}  vendor: 0x{:04x}  device: 0x{:04x}\n", vk::device_type_name(d.type),
             d.vendor_id, d.device_id);
  fmt::print("  api: {}  driver: {} {} ({})\n", vk::version_string(d.api_version),
             d.driver_name.empty() ? "?" : d.driver_name, d.driver_info,
             vk::driver_version_string(d));
  fmt::print("  features: int64 {}  timeline-semaphores {}  usable {}\n",
             d.shader_int64 ? "yes" : "no", d.timeline_semaphore ? "yes" : "no",
             d.usable() ? "yes" : "no (needs shaderInt64)");
  fmt::print("  queue families:\n");
  for (const auto& q : d.queue_families) {
    fmt::print("    {}: {} x{} (timestamp bits {})\n", q.index, queue_flags(q.flags), q.count,
               q.timestamp_valid_bits);
  }
  fmt::print("  memory heaps:\n");
  for (uint32_t i = 0; i < d.memory.memoryHeapCount; ++i) {
    const auto& h = d.memory.memoryHeaps[i];
    fmt::print("    {}: {}{}\n", i, gib(h.size),
               h.flags & VK_MEMORY_HEAP_DEVICE_LOCAL_BIT ? " device-local" : "");
  }
  fmt::print("  memory types:\n");
  for (uint32_t i = 0; i < d.memory.memoryTypeCount; ++i) {
    const auto& t = d.memory.memoryTypes[i];
    fmt::print("    {}: heap {} {}\n", i, t.heapIndex, memory_flags(t.propertyFlags));
  }
  const auto& l = d.limits;
  fmt::print("  limits: maxStorageBufferRange {} ({} elements)\n", l.maxStorageBufferRange,
             l.maxStorageBufferRange / 48);
  fmt::print("          maxComputeWorkGroupCount {} x {} x {}\n", l.maxComputeWorkGroupCount[0],
             l.maxComputeWorkGroupCount[1], l.maxComputeWorkGroupCount[2]);
  fmt::print("          maxComputeWorkGroupSize {} x {} x {}, invocations {}\n",
             l.maxComputeWorkGroupSize[0], l.maxComputeWorkGroupSize[1],
             l.maxComputeWorkGroupSize[2], l.maxComputeWorkGroupInvocations);
  fmt::print("          minStorageBufferOffsetAlignment {}  timestampPeriod {} ns\n",
             l.minStorageBufferOffsetAlignment, l.timestampPeriod);
}

void list_devices() {
  // Listing opens no device, but a bad setting is reported here as by every other command.
  env::check_all();
  vk::Instance instance(validation_requested());
  const auto devices = vk::query_devices(instance.physical_devices());
  if (devices.empty()) throw Error(ErrorCode::NoDevice, "no Vulkan device found");
  int default_index = -1;
  try {
    default_index = static_cast<int>(vk::default_device_index(devices));
  } catch (const Error&) {
    // Listed all the same; none is marked.
  }
  for (const auto& d : devices) print_device(d, static_cast<int>(d.index) == default_index);
}
}  // namespace

void add_devices_command(CLI::App& app) {
  CLI::App* cmd = app.add_subcommand("devices", "list Vulkan devices and their capabilities");
  cmd->callback([] { list_devices(); });
}

}  // namespace gpuexec::cli
