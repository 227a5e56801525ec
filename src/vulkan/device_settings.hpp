// Tunables of one opened device: the caller's options first, then the environment
// (GPU_STREAM_CHUNK_ELEMS, GPU_DEVICE_LOCAL, GPUEXEC_KERNEL, GPUEXEC_LOCAL_SIZE,
// GPUEXEC_SPLIT_QUEUES, GPUEXEC_NTT_LOG_CAP, GPUEXEC_MSM_SEGMENT_BUCKETS, GPUEXEC_COALESCED_IO),
// then defaults adapted to the device.
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

struct DeviceSettings {
  std::size_t chunk_elems = kDefaultChunkElems;  // elements per dispatch at most
  uint32_t local_size = kDefaultLocalSize;
  DataPath forced_path = DataPath::Auto;  // HostVisible / DeviceLocal when forced
  std::size_t device_local_threshold = kDeviceLocalThreshold;
  bool staging_pays = false;  // Auto sends large jobs device-local (discrete GPUs)
  uint64_t pool_cap_bytes = kDefaultPoolCapBytes;
  bool warm_up = false;
  KernelVariant kernel = KernelVariant::U64;  // never Auto once resolved
  bool force_split = false;                   // the split-queue schedule on one queue (tests)
  // Jobs on host arrays of at least this many elements import the caller's memory (0: never),
  // and the copy engine moves it (import_copies) or the kernels bind it.
  std::size_t import_min_elems = 0;
  bool import_copies = false;
  // Jobs on pinned vectors: the copy engine moves them (discrete GPUs), or the kernels bind them.
  bool pinned_copies = false;
  unsigned ntt_log_cap = 0;             // GPUEXEC_NTT_LOG_CAP; 0: the device's rule
  bool ntt_shuffle = true;              // GPUEXEC_NTT_SHUFFLE, where the device allows
  std::size_t msm_segment_buckets = 0;  // GPUEXEC_MSM_SEGMENT_BUCKETS; 0: the device's rule
  // Coalesced IO (the element-wise kernels' words staged through workgroup memory) for add and
  // sub, and for the ops with a product (mul, mad): GPUEXEC_COALESCED_IO, else the device's rule.
  bool coalesced_sums = false;
  bool coalesced_products = false;

  // Throws InvalidArgument, naming the variable, for a malformed GPU_STREAM_CHUNK_ELEMS or
  // GPU_DEVICE_LOCAL.
  static DeviceSettings resolve(const DeviceInfo& device, const ExecutorOptions& options);
  // The path a job of n elements takes when it is not imported.
  DataPath path_for(std::size_t n) const;
  bool imports(std::size_t n) const { return import_min_elems != 0 && n >= import_min_elems; }
};

// The largest element count one dispatch on this device can take with this local size, for
// elements of element_bytes.
std::size_t max_dispatch_elems(const DeviceInfo& device, uint32_t local_size,
                               std::size_t element_bytes);

}  // namespace gpuexec::vk
