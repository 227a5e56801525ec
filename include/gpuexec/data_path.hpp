// Where a Vulkan job's data lives while the kernel runs.
#pragma once

#include <cstddef>
#include <string_view>

namespace gpuexec {

enum class DataPath {
  Auto,         // GPU_DEVICE_LOCAL when set, else device-local for large jobs on discrete GPUs
  HostVisible,  // kernels use persistently mapped host-visible memory (zero-copy on UMA devices)
  DeviceLocal,  // device-local buffers fed and drained by staging copies
};

std::string_view data_path_name(DataPath path);

// Jobs from this many elements take the device-local path on discrete GPUs (DataPath::Auto).
inline constexpr std::size_t kDeviceLocalThreshold = std::size_t{1} << 20;

}  // namespace gpuexec
