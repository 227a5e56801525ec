#include "vulkan/device_settings.hpp"

#include <fmt/format.h>

#include <algorithm>

#include "config/environment.hpp"
#include "gpuexec/error.hpp"
#include "gpuexec/fp.hpp"
#include "spirv/kernel_variants.hpp"

namespace gpuexec::vk {

namespace {
// The rule for KernelVariant::Auto, from measurements (docs/GPU_NOTES.md): on NVIDIA, u28w (the
// product in 28-bit limbs, 64-bit column sums) ran the H100's Fp mul at 17.0 G/s against u64v's
// 11.1 at 4M elements (section 8), add and sub level; elsewhere u64 limbs with 16-byte loads,
// fastest or level on lavapipe; u32 limbs where there is no shaderInt64.
KernelVariant device_kernel(const DeviceInfo& d) {
  if (!d.shader_int64) return KernelVariant::U32;
  return d.vendor_id == kNvidiaVendorId ? KernelVariant::U28Wide : KernelVariant::U64Vec;
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

std::size_t max_dispatch_elems(const DeviceInfo& device, uint32_t local_size,
                               std::size_t element_bytes) {
  const auto& l = device.limits;
  const std::size_t by_binding = l.maxStorageBufferRange / element_bytes;
  const std::size_t by_groups =
      std::size_t{l.maxComputeWorkGroupCount[0]} * l.maxComputeWorkGroupCount[1] * local_size;
  const std::size_t by_index = std::size_t{1} << 31;  // the shaders index with 32-bit uints
  return std::min({by_binding, by_groups, by_index});
}

DeviceSettings DeviceSettings::resolve(const DeviceInfo& device, const ExecutorOptions& options) {
  DeviceSettings s;
  const auto& l = device.limits;
  // GPUEXEC_LOCAL_SIZE: the workgroup size (a specialization constant), for tuning.
  const std::size_t local = env::local_size().value_or(kDefaultLocalSize);
  s.local_size = static_cast<uint32_t>(std::min<std::size_t>(
      {local, l.maxComputeWorkGroupSize[0], l.maxComputeWorkGroupInvocations}));
  // Two slots in flight, each A||B + C (+ as much staging) must fit in an eighth of the heap.
  const VkDeviceSize heap = device_local_heap(device);
  const std::size_t by_heap = std::max<std::size_t>(1024, heap / 8 / (2 * 2 * 3 * sizeof(Fp)));
  const std::size_t adaptive = std::min(kDefaultChunkElems, by_heap);
  const std::size_t wanted = options.vulkan.chunk_elems ? options.vulkan.chunk_elems
                                                        : env::chunk_elems().value_or(adaptive);
  s.chunk_elems = std::min(wanted, max_dispatch_elems(device, s.local_size, sizeof(Fp)));
  s.forced_path =
      options.vulkan.data_path != DataPath::Auto ? options.vulkan.data_path : env::data_path();
  s.device_local_threshold = options.vulkan.device_local_threshold
                                 ? options.vulkan.device_local_threshold
                                 : kDeviceLocalThreshold;
  // Discrete GPUs: host-visible memory sits across the bus (or, with resizable BAR, reads back
  // uncached), so large jobs gain from staging. UMA devices and CPUs: zero-copy wins.
  s.staging_pays = device.type == VK_PHYSICAL_DEVICE_TYPE_DISCRETE_GPU;
  // Idle buffers kept: 1 GiB (at most a quarter of the heap), or a sixteenth of a larger heap.
  // An MSM of 2^24 points takes ~3 GB of scratch: reallocated per call, it cost the H100 25 ms
  // of a 350 ms call (run 22); an 80 GB card keeps 5 GB.
  s.pool_cap_bytes =
      options.vulkan.pool_cap_bytes
          ? options.vulkan.pool_cap_bytes
          : std::max<uint64_t>(std::min<uint64_t>(kDefaultPoolCapBytes, heap / 4), heap / 16);
  s.warm_up = options.vulkan.warm_up;
  s.force_split = env::split_queues();
  // Import only where no data path was asked for: a forced path is a request for that path.
  const HostImport import = options.vulkan.host_import != HostImport::Auto
                                ? options.vulkan.host_import
                                : env::host_import();
  const bool can_import = device.external_memory_host && vkGetMemoryHostPointerPropertiesEXT &&
                          s.forced_path == DataPath::Auto;
  // Auto imports where the device's memory is the host's (UMA, CPU drivers): there the kernel
  // reads the arrays in place. A discrete GPU's kernel reading host memory across the bus ran
  // at ~9 GB/s on an H200 (4M-element add 68 ms imported, 21 ms staged: docs/GPU_NOTES.md 7.10),
  // so there only On imports.
  if (can_import && import != HostImport::Off && import != HostImport::Auto) {
    s.import_min_elems = 1;
  }
  if (can_import && import == HostImport::Auto && !s.staging_pays) {
    s.import_min_elems = kHostImportMinElems;
  }
  s.import_copies = import == HostImport::Copy || (import == HostImport::On && s.staging_pays);
  s.pinned_copies = import == HostImport::Copy || (import != HostImport::Bind && s.staging_pays);
  s.kernel = options.vulkan.kernel != KernelVariant::Auto ? options.vulkan.kernel : env::kernel();
  if (s.kernel == KernelVariant::Auto) s.kernel = device_kernel(device);
  s.ntt_log_cap = env::ntt_log_cap().value_or(0);
  s.ntt_shuffle = env::ntt_shuffle().value_or(true);
  s.msm_segment_buckets = env::msm_segment_buckets().value_or(0);
  // The rule: add and sub on NVIDIA, which reach the memory ceiling only so (the H100, runs 24-25,
  // device time: Fp add 17.1 -> 21.3 G/s at 16M elements); mul lost there (17.7 -> 15.3, not yet
  // explained), and CPU drivers lose 2-3x to the barriers.
  const std::optional<bool> coalesced = env::coalesced_io();
  s.coalesced_sums = coalesced.value_or(device.vendor_id == kNvidiaVendorId);
  s.coalesced_products = coalesced.value_or(false);
  if (spirv::find_variant(s.kernel)->needs_int64 && !device.shader_int64) {
    throw Error(ErrorCode::NoDevice,
                fmt::format("device {} ({}) lacks shaderInt64, needed by the {} kernels "
                            "(GPUEXEC_KERNEL=u32 or u32c runs without it)",
                            device.index, device.name, spirv::find_variant(s.kernel)->name));
  }
  return s;
}

DataPath DeviceSettings::path_for(std::size_t n) const {
  if (forced_path != DataPath::Auto) return forced_path;
  return staging_pays && n >= device_local_threshold ? DataPath::DeviceLocal
                                                     : DataPath::HostVisible;
}

}  // namespace gpuexec::vk
