// Tunables of a Vulkan job, from defaults, the device's limits and the environment.
#pragma once

#include <cstddef>
#include <cstdint>

#include "vulkan/device_info.hpp"

namespace gpuexec::vk {

inline constexpr std::size_t kDefaultChunkElems = 524288;  // GPU_STREAM_CHUNK_ELEMS default
inline constexpr uint32_t kDefaultLocalSize = 64;

struct RunnerSettings {
  std::size_t chunk_elems = kDefaultChunkElems;  // elements per dispatch at most
  uint32_t local_size = kDefaultLocalSize;

  // Reads GPU_STREAM_CHUNK_ELEMS (a whole number >= 1; anything else is an InvalidArgument
  // error naming the variable) and clamps to what the device can bind and dispatch.
  static RunnerSettings for_device(const DeviceInfo& device);
};

// The largest element count one dispatch on this device can take with this local size.
std::size_t max_dispatch_elems(const DeviceInfo& device, uint32_t local_size);

// Workgroup counts (x, y) for n elements: x is capped by maxComputeWorkGroupCount[0], the rest
// spills into y (the shaders fold y back into one index).
struct DispatchSize {
  uint32_t x = 0, y = 0;
};
DispatchSize dispatch_size(std::size_t n, uint32_t local_size, const DeviceInfo& device);

}  // namespace gpuexec::vk
