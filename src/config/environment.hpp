// Every environment variable gpuexec reads, in one table, with a typed accessor each. The lowest
// layer: it includes only public headers, so any part of the library may use it.
//
// Accessors read the variable when called (tests change them with setenv between executors) and
// validate it: a bad value throws Error(InvalidArgument, "NAME=value: what is accepted"). Reading
// costs one getenv and a few comparisons, no allocation on the good path.
#pragma once

#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "gpuexec/data_path.hpp"
#include "gpuexec/options.hpp"

namespace gpuexec::env {

// What kind of value a variable takes.
enum class Type {
  Count,        // whole number in a range
  ByteSize,     // whole number of bytes, optional K/M/G suffix (powers of 1024)
  Words,        // one of a few words
  Flag,         // 0 or 1
  DeviceIndex,  // whole number >= 0
  DeviceList,   // `all` or indices such as 0,1
  FaultSpec,    // kind:N
  Path,         // a directory, taken as it is
};

struct Variable {
  std::string_view name;
  Type type;
  std::string_view values;    // what it accepts, for README
  std::string_view fallback;  // what unset means, for README
  std::string_view meaning;   // one line, for README
  void (*check)();            // reads and validates it; throws as the accessor does
};

// The table, in README order.
std::span<const Variable> variables();
// README's table of the variables, rendered from variables() (a test keeps README in step).
std::string markdown_table();
// Validates every variable, throwing the first bad one's error. Called where a device opens, so
// that a bad setting fails the open rather than a later wait or allocation.
void check_all();

// ---- the accessors, one per variable ----

// GPUEXEC_VALIDATION: "1" on; "0", empty or unset off.
bool validation();
// GPUEXEC_DEVICE: the device index; nullopt when unset or empty.
std::optional<int> device();

struct DeviceList {
  bool all = false;          // `all`: every usable device
  std::vector<int> indices;  // else these, in order (an index may repeat)
};
// GPUEXEC_DEVICES; nullopt when unset or empty.
std::optional<DeviceList> devices();

// GPU_STREAM_CHUNK_ELEMS: whole number >= 1; nullopt when unset (empty is an error).
std::optional<std::size_t> chunk_elems();
// GPU_DEVICE_LOCAL: "1" DeviceLocal, "0" HostVisible, unset or empty Auto.
DataPath data_path();
// GPUEXEC_KERNEL: auto, u64, u64v, u64u, u32, u32c, u32w, u28w; unset or empty Auto.
KernelVariant kernel();
// GPUEXEC_LOCAL_SIZE: whole number >= 1; nullopt when unset (empty is an error).
std::optional<std::size_t> local_size();
// GPUEXEC_CLI_CHUNK_ELEMS: whole number >= 1; nullopt when unset (empty is an error).
std::optional<std::size_t> cli_chunk_elems();
// GPUEXEC_MAX_DEVICE_MEMORY: bytes >= 1 (K/M/G suffix); nullopt (no cap) when unset or empty.
std::optional<uint64_t> max_device_memory();

enum class HostInputMemory { Default, Cached };
// GPUEXEC_HOST_INPUT_MEMORY: "default" or "cached"; unset or empty Default.
HostInputMemory host_input_memory();

// GPUEXEC_HOST_IMPORT: "auto", "0" (Off) or "1" (On); unset or empty Auto.
HostImport host_import();

enum class FenceWait { ByDevice, Spin, Block };
// GPUEXEC_FENCE_WAIT: "spin" or "block"; unset or empty ByDevice.
FenceWait fence_wait();
enum class CpuArithChoice { Auto, Portable };
// GPUEXEC_CPU_ARITH: "auto" or "portable"; unset or empty Auto.
CpuArithChoice cpu_arith();
// GPUEXEC_SPLIT_QUEUES: "1" on; "0", empty or unset off.
bool split_queues();
// GPUEXEC_PROFILE: "1" on (the NTT's and MSM's device time per pass on stderr); else off.
bool profile();
// GPUEXEC_NTT_LOG_CAP: "9" or "10", the log2 of the elements of an NTT workgroup (tuning); unset,
// empty or "auto" nullopt (the device's rule).
std::optional<unsigned> ntt_log_cap();
// GPUEXEC_COALESCED_IO: "1" or "0", the element-wise kernels' words staged through workgroup
// memory or not (tuning); unset, empty or "auto" nullopt (the device's rule).
std::optional<bool> coalesced_io();
// GPUEXEC_NTT_SHUFFLE: "1" or "0", the NTT's levels within a subgroup by shuffles or through
// workgroup memory (tuning); unset, empty or "auto" nullopt (the device's rule).
std::optional<bool> ntt_shuffle();
// GPUEXEC_MSM_SEGMENT_BUCKETS: buckets per MSM reduction segment (tuning, whole number >= 1,
// rounded down to a power of two by the MSM);
// unset nullopt (the device's rule).
std::optional<std::size_t> msm_segment_buckets();

enum class FaultKind {
  DeviceLost,         // at a queue submission (the device then stays lost)
  DeviceOutOfMemory,  // at a device memory allocation, and every later one until disarmed
  HostOutOfMemory,    // the same, as VK_ERROR_OUT_OF_HOST_MEMORY
};
struct FaultPlan {
  FaultKind kind;
  uint64_t at;  // the at-th call of its kind on this device, counted from 1
};
// GPUEXEC_INJECT_FAULT: device-lost:N, device-oom:N or host-oom:N; nullopt when unset or empty.
std::optional<FaultPlan> inject_fault();

// XDG_CACHE_HOME and HOME, for the pipeline cache; nullopt when unset or empty.
std::optional<std::filesystem::path> xdg_cache_home();
std::optional<std::filesystem::path> home();

// ---- the grammars, shared with command-line options; errors name `source` ----

// "all" or "0,1,..." (indices >= 0).
DeviceList parse_device_list(std::string_view text, std::string_view source);
// "device-lost:N", "device-oom:N" or "host-oom:N", N >= 1.
FaultPlan parse_fault_plan(std::string_view text, std::string_view source);
// A value as an error message shows it: on one line (control bytes escaped), at most 64 bytes.
std::string shown(std::string_view value);

}  // namespace gpuexec::env
