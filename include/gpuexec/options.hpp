// How an executor is set up. Zero / Auto fields fall back to the environment, then to defaults
// adapted to the device.
#pragma once

#include <cstddef>
#include <cstdint>
#include <vector>

#include "gpuexec/data_path.hpp"

namespace gpuexec {

enum class BackendKind { Auto, Cpu, Vulkan };

// Which compiled kernel family runs the field ops on a Vulkan device.
enum class KernelVariant {
  Auto,         // GPUEXEC_KERNEL, else U28Wide on NVIDIA, U64Vec elsewhere with shaderInt64,
                //   else U32
  U64,          // 6 x u64 limbs, 8-byte loads (needs shaderInt64)
  U64Vec,       // 6 x u64 limbs, 16-byte loads (needs shaderInt64)
  U32,          // 12 x u32 limbs (umulExtended), 16-byte loads; no shaderInt64 needed
  U32Carry,     // "u32c": u32 as fully unrolled straight-line code (carries in registers)
  U32Wide,      // "u32w": u32 limbs, each 32x32 product and its addends one 64-bit sum
                // (needs shaderInt64), fully unrolled, 16-byte loads
  U64Unrolled,  // "u64u": u64v as fully unrolled straight-line code (needs shaderInt64)
  U28Wide,      // "u28w": u32w with the product in 28-bit limbs, columns summed in 64 bits
};

// Whether jobs on host arrays import the caller's memory into the device (VK_EXT_external_memory
// host: no staging copies) instead of streaming through the library's own buffers.
enum class HostImport {
  Auto,  // GPUEXEC_HOST_IMPORT, else jobs from kHostImportMinElems on devices that share the
         // host's memory (UMA, CPU drivers); discrete GPUs stage (the bus is slow for kernels)
  Off,   // never
  On,    // every job whose arrays can be imported, whatever its size: kernels read them in
         // place where the device shares the host's memory, the copy engine moves them elsewhere
  Copy,  // as On, always through the copy engine and device-local buffers (DMA, no host copies)
  Bind,  // as On, always bound to the kernels (on a discrete GPU they read across the bus)
};
inline constexpr std::size_t kHostImportMinElems = std::size_t{1} << 16;

// Tuning of the Vulkan backends; zero / Auto: the environment, then the device's defaults.
struct VulkanOptions {
  DataPath data_path = DataPath::Auto;     // Auto: GPU_DEVICE_LOCAL, else by size and device
  std::size_t chunk_elems = 0;             // 0: GPU_STREAM_CHUNK_ELEMS, else adaptive (<= 524288)
  std::size_t device_local_threshold = 0;  // 0: kDeviceLocalThreshold
  uint64_t pool_cap_bytes = 0;             // idle buffers kept at most; 0: min(1 GiB, heap / 4)
  bool warm_up = false;                    // compile every kernel in the background at start
  KernelVariant kernel = KernelVariant::Auto;
  HostImport host_import = HostImport::Auto;
};

struct ExecutorOptions {
  BackendKind backend = BackendKind::Auto;
  int device_index = -1;  // -1: GPUEXEC_DEVICE, else the best device
  // Several Vulkan devices, a batch's jobs spread over them by measured speed; an index may
  // repeat (one device opened twice). Empty: GPUEXEC_DEVICES ("all" or "0,1,..."), else one device.
  std::vector<int> devices;
  VulkanOptions vulkan;
};

}  // namespace gpuexec
