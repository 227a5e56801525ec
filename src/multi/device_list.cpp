#include "multi/device_list.hpp"

#include <fmt/format.h>

#include <charconv>
#include <cstdlib>

#include "gpuexec/error.hpp"
#include "vulkan/device_info.hpp"
#include "vulkan/instance.hpp"

namespace gpuexec::multi {

std::optional<std::vector<int>> parse_device_list(std::string_view text, std::string_view source) {
  if (text == "all") return std::nullopt;
  std::vector<int> out;
  std::size_t start = 0;
  while (start <= text.size()) {
    const std::size_t comma = std::min(text.find(',', start), text.size());
    const std::string_view item = text.substr(start, comma - start);
    int value = -1;
    auto [end, ec] = std::from_chars(item.data(), item.data() + item.size(), value);
    if (item.empty() || ec != std::errc() || end != item.data() + item.size() || value < 0) {
      throw Error(ErrorCode::InvalidArgument,
                  fmt::format("{}={}: item {} ('{}') is not a device index; expected 'all' or "
                              "indices such as 0,1",
                              source, text, out.size() + 1, item));
    }
    out.push_back(value);
    start = comma + 1;
  }
  return out;
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
  const char* env = std::getenv("GPUEXEC_DEVICES");
  if (env == nullptr || *env == '\0') return {};
  const auto listed = parse_device_list(env, "GPUEXEC_DEVICES");
  return listed ? *listed : usable_devices();
}

}  // namespace gpuexec::multi
