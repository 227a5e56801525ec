// Tunables of the Vulkan runtime: caller's options first, then the environment
// (GPU_STREAM_CHUNK_ELEMS, GPU_DEVICE_LOCAL), then defaults adapted to the device.
#pragma once

#include <cstddef>
#include <cstdint>

#include "gpuexec/data_path.hpp"
#include "gpuexec/options.hpp"
#include "vulkan/device_info.hpp"

namespace gpuexec::vk {

inline constexpr std::size_t kDefaultChunkElems = 524288;  // GPU_STREAM_CHUNK_ELEMS default
inline constexpr uint32_t kDefaultLocalSize = 64;
inline constexpr uint64_t kDefaultPoolCapBytes = uint64_t{1} << 30;

struct RunnerSettings {
  std::size_t chunk_elems = kDefaultChunkElems;  // elements per dispatch at most
  uint32_t local_size = kDefaultLocalSize;
  DataPath forced_path = DataPath::Auto;  // HostVisible / DeviceLocal when forced
  std::size_t device_local_threshold = kDeviceLocalThreshold;
  bool staging_pays = false;  // Auto sends large jobs device-local (discrete GPUs)
  uint64_t pool_cap_bytes = kDefaultPoolCapBytes;
  bool warm_up = false;
  KernelVariant kernel = KernelVariant::U64;  // never Auto once resolved

  // Throws InvalidArgument, naming the variable, for a malformed GPU_STREAM_CHUNK_ELEMS or
  // GPU_DEVICE_LOCAL.
  static RunnerSettings resolve(const DeviceInfo& device, const ExecutorOptions& options);
  // The path a job of n elements takes.
  DataPath path_for(std::size_t n) const;
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
