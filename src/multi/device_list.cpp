#include "multi/device_list.hpp"

#include <fmt/format.h>
#include <fmt/ranges.h>

#include <utility>

#include "config/environment.hpp"
#include "gpuexec/error.hpp"
#include "vulkan/device_info.hpp"
#include "vulkan/instance.hpp"

namespace gpuexec::multi {

namespace {
// An index beyond the devices present is reported as GPUEXEC_DEVICES gave it: the backend that
// would open it knows it only as a device index and would blame `--device`.
void check_listed_devices_exist(const std::vector<int>& indices) {
  const vk::Instance instance(false);
  const std::size_t found = instance.physical_devices().size();
  for (std::size_t i = 0; i < indices.size(); ++i) {
    if (static_cast<std::size_t>(indices[i]) < found) continue;
    throw Error(ErrorCode::InvalidArgument,
                fmt::format("GPUEXEC_DEVICES={}: item {} ({}): no such Vulkan device ({} found; "
                            "see `gpuexec devices`)",
                            fmt::join(indices, ","), i + 1, indices[i], found));
  }
}
}  // namespace

std::optional<std::vector<int>> parse_device_list(std::string_view text, std::string_view source) {
  env::DeviceList list = env::parse_device_list(text, source);
  if (list.all) return std::nullopt;
  return std::move(list.indices);
}

std::vector<int> usable_devices() {
  const vk::Instance instance(false);
  std::vector<int> out;
  for (const vk::DeviceInfo& d : vk::query_devices(instance.physical_devices())) {
    if (d.usable()) out.push_back(static_cast<int>(d.index));
  }
  if (out.empty()) throw Error(ErrorCode::NoDevice, "no usable Vulkan device");
  return out;
}

std::vector<int> resolve_device_list(const ExecutorOptions& options) {
  if (!options.devices.empty()) return options.devices;
  const std::optional<env::DeviceList> listed = env::devices();
  if (!listed) return {};
  if (listed->all) return usable_devices();
  check_listed_devices_exist(listed->indices);
  return listed->indices;
}

}  // namespace gpuexec::multi
