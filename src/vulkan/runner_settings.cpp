#include "vulkan/runner_settings.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <charconv>
#include <cstdlib>
#include <string_view>

#include "gpuexec/error.hpp"
#include "gpuexec/fp.hpp"

namespace gpuexec::vk {

namespace {
std::size_t env_count(const char* name, std::size_t fallback) {
  const char* raw = std::getenv(name);
  if (!raw) return fallback;
  const std::string_view text(raw);
  std::size_t value = 0;
  auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (text.empty() || ec != std::errc() || end != text.data() + text.size() || value == 0) {
    throw Error(ErrorCode::InvalidArgument,
                fmt::format("{}={}: not a whole number of elements >= 1", name, text));
  }
  return value;
}

DataPath env_path() {
  const char* raw = std::getenv("GPU_DEVICE_LOCAL");
  if (!raw || !*raw) return DataPath::Auto;
  const std::string_view v(raw);
  if (v == "1") return DataPath::DeviceLocal;
  if (v == "0") return DataPath::HostVisible;
  throw Error(ErrorCode::InvalidArgument,
              fmt::format("GPU_DEVICE_LOCAL={}: use 1 (device-local + staging), 0 (host-visible) "
                          "or leave it unset (automatic)",
                          v));
}

KernelVariant env_kernel() {
  const char* raw = std::getenv("GPUEXEC_KERNEL");
  if (!raw || !*raw) return KernelVariant::Auto;
  const std::string_view v(raw);
  if (v == "auto") return KernelVariant::Auto;
  if (v == "u64") return KernelVariant::U64;
  if (v == "u64v") return KernelVariant::U64Vec;
  if (v == "u32") return KernelVariant::U32;
  throw Error(ErrorCode::InvalidArgument,
              fmt::format("GPUEXEC_KERNEL={}: use u64, u64v, u32 or auto", v));
}

// The rule for KernelVariant::Auto, from measurements (docs/GPU_NOTES.md): u64 limbs with 16-byte
// loads were fastest or level on the H100 (add 13.2 vs 11.4 vs 12.8 G/s for u64v, u64, u32 at
// 4M elements; mul 9.1 vs 9.1 vs 6.4) and on lavapipe; u32 limbs where there is no shaderInt64.
KernelVariant device_kernel(const DeviceInfo& d) {
  return d.shader_int64 ? KernelVariant::U64Vec : KernelVariant::U32;
}

// Largest device-local heap, for sizing chunks and the pool.
VkDeviceSize device_local_heap(const DeviceInfo& d) {
  VkDeviceSize best = 0;
  for (uint32_t i = 0; i < d.memory.memoryHeapCount; ++i) {
    if (d.memory.memoryHeaps[i].flags & VK_MEMORY_HEAP_DEVICE_LOCAL_BIT) {
      best = std::max(best, d.memory.memoryHeaps[i].size);
    }
  }
  return best ? best : (VkDeviceSize{1} << 30);
}
}  // namespace

std::size_t max_dispatch_elems(const DeviceInfo& device, uint32_t local_size) {
  const auto& l = device.limits;
  const std::size_t by_binding = l.maxStorageBufferRange / sizeof(Fp);
  const std::size_t by_groups =
      std::size_t{l.maxComputeWorkGroupCount[0]} * l.maxComputeWorkGroupCount[1] * local_size;
  const std::size_t by_index = std::size_t{1} << 31;  // the shaders index with 32-bit uints
  return std::min({by_binding, by_groups, by_index});
}

RunnerSettings RunnerSettings::resolve(const DeviceInfo& device, const ExecutorOptions& options) {
  RunnerSettings s;
  const auto& l = device.limits;
  // GPUEXEC_LOCAL_SIZE: the workgroup size (a specialization constant), for tuning.
  const std::size_t local = env_count("GPUEXEC_LOCAL_SIZE", kDefaultLocalSize);
  s.local_size = static_cast<uint32_t>(std::min<std::size_t>(
      {local, l.maxComputeWorkGroupSize[0], l.maxComputeWorkGroupInvocations}));
  // Two slots in flight, each A||B + C (+ as much staging) must fit in an eighth of the heap.
  const VkDeviceSize heap = device_local_heap(device);
  const std::size_t by_heap = std::max<std::size_t>(1024, heap / 8 / (2 * 2 * 3 * sizeof(Fp)));
  const std::size_t adaptive = std::min(kDefaultChunkElems, by_heap);
  const std::size_t wanted =
      options.chunk_elems ? options.chunk_elems : env_count("GPU_STREAM_CHUNK_ELEMS", adaptive);
  s.chunk_elems = std::min(wanted, max_dispatch_elems(device, s.local_size));
  s.forced_path = options.data_path != DataPath::Auto ? options.data_path : env_path();
  s.device_local_threshold =
      options.device_local_threshold ? options.device_local_threshold : kDeviceLocalThreshold;
  // Discrete GPUs: host-visible memory sits across the bus (or, with resizable BAR, reads back
  // uncached), so large jobs gain from staging. UMA devices and CPUs: zero-copy wins.
  s.staging_pays = device.type == VK_PHYSICAL_DEVICE_TYPE_DISCRETE_GPU;
  s.pool_cap_bytes = options.pool_cap_bytes ? options.pool_cap_bytes
                                            : std::min<uint64_t>(kDefaultPoolCapBytes, heap / 4);
  s.warm_up = options.warm_up;
  s.kernel = options.kernel != KernelVariant::Auto ? options.kernel : env_kernel();
  if (s.kernel == KernelVariant::Auto) s.kernel = device_kernel(device);
  if (s.kernel != KernelVariant::U32 && !device.shader_int64) {
    throw Error(ErrorCode::NoDevice,
                fmt::format("device {} ({}) lacks shaderInt64, needed by the u64-limb kernels "
                            "(GPUEXEC_KERNEL=u32 runs without it)",
                            device.index, device.name));
  }
  return s;
}

DataPath RunnerSettings::path_for(std::size_t n) const {
  if (forced_path != DataPath::Auto) return forced_path;
  return staging_pays && n >= device_local_threshold ? DataPath::DeviceLocal
                                                     : DataPath::HostVisible;
}

DispatchSize dispatch_size(std::size_t n, uint32_t local_size, const DeviceInfo& device) {
  const std::size_t groups = (n + local_size - 1) / local_size;
  const std::size_t max_x = device.limits.maxComputeWorkGroupCount[0];
  DispatchSize d;
  d.x = static_cast<uint32_t>(std::min(groups, max_x));
  d.y = d.x == 0 ? 0 : static_cast<uint32_t>((groups + d.x - 1) / d.x);
  return d;
}

}  // namespace gpuexec::vk
