// The devices a multi-device executor opens: ExecutorOptions::devices, else GPUEXEC_DEVICES
// ("all", or indices such as "0,1"; an index may repeat, opening one device twice).
#pragma once

#include <optional>
#include <string_view>
#include <vector>

#include "gpuexec/options.hpp"

namespace gpuexec::multi {

// Indices from "0,1,..." (nullopt for "all"); throws InvalidArgument naming `source`.
std::optional<std::vector<int>> parse_device_list(std::string_view text, std::string_view source);

// Every usable Vulkan device; throws NoDevice when there is none.
std::vector<int> usable_devices();

// The device indices to open; empty when the options and the environment ask for one device the
// usual way (device_index, GPUEXEC_DEVICE). "all" lists every usable Vulkan device.
std::vector<int> resolve_device_list(const ExecutorOptions& options);

}  // namespace gpuexec::multi
