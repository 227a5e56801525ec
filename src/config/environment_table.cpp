// The table of every environment variable: README's table is rendered from it.
#include <fmt/format.h>

#include "config/environment.hpp"

namespace gpuexec::env {

namespace {
// Each entry's check reads the variable through its accessor and drops the value.
template <auto Accessor>
void check() {
  (void)Accessor();
}

constexpr Variable kVariables[] = {
    {"GPUEXEC_DEVICE", Type::DeviceIndex, "whole number >= 0", "the best device",
     "Vulkan device index when `--device` is not given", check<device>},
    {"GPUEXEC_VALIDATION", Type::Flag, "`0`, `1`", "off",
     "`1`: enable the Khronos validation layers with synchronization validation; every message "
     "is printed to stderr (the tests fail on any)",
     check<validation>},
    {"GPU_STREAM_CHUNK_ELEMS", Type::Count, "whole number >= 1 (not empty)",
     "524288, lowered to fit maxStorageBufferRange and an eighth of the device-local heap",
     "elements per chunk; larger jobs stream in double-buffered chunks", check<chunk_elems>},
    {"GPU_DEVICE_LOCAL", Type::Flag, "`0`, `1`",
     "automatic: device-local from 1M elements on discrete GPUs, host-visible elsewhere",
     "`1`: device-local buffers fed by staging copies; `0`: host-visible (mapped) buffers",
     check<data_path>},
    {"GPUEXEC_MAX_DEVICE_MEMORY", Type::ByteSize,
     "bytes >= 1, optional `K`/`M`/`G` suffix (powers of 1024)", "no cap",
     "cap on device memory the executor holds; beyond it a job fails with a clear out-of-memory "
     "error",
     check<max_device_memory>},
    {"GPUEXEC_KERNEL", Type::Words, "`auto`, `u64`, `u64v`, `u64u`, `u32`, `u32c`, `u32w`, `u28w`",
     "`auto`: u28w on NVIDIA, u64v on other devices with shaderInt64, else u32",
     "kernel family: `u64` (6 x u64 limbs), `u64v` (the same with 16-byte loads), `u64u` (u64v "
     "unrolled), `u32` (12 x u32 limbs, no shaderInt64 needed), `u32c` (u32 unrolled), `u32w` "
     "(u32 limbs, 64-bit sums), `u28w` (u32w with the product in 28-bit limbs)",
     check<kernel>},
    {"GPUEXEC_SPLIT_QUEUES", Type::Flag, "`0`, `1`", "off",
     "`1`: run the staging path's copies and kernels as separate submissions ordered by timeline "
     "semaphores even without a dedicated transfer queue (testing)",
     check<split_queues>},
    {"GPUEXEC_INJECT_FAULT", Type::FaultSpec,
     "`device-lost:N`, `device-oom:N`, `host-oom:N` (N >= 1)", "no faults",
     "testing: makes the N-th queue submission (or device memory allocation, and every later one) "
     "of each opened device fail as a failing driver would (docs/RELIABILITY.md)",
     check<inject_fault>},
    {"GPUEXEC_DEVICES", Type::DeviceList, "`all`, or indices such as `0,1`", "one device",
     "several devices for one executor (an index may repeat, opening one device twice); batches, "
     "NTT batches and MSM bases spread over them by measured speed",
     check<devices>},
    {"GPUEXEC_PROFILE", Type::Flag, "`0`, `1`", "off",
     "`1`: each NTT and MSM prints its device time per pass (kernel) to stderr, the MSM its "
     "host steps too (tuning)",
     check<profile>},
    {"GPUEXEC_NTT_LOG_CAP", Type::Words, "`auto`, `9`, `10`",
     "`auto`: 10 where the device has 32 KiB of workgroup memory, except on NVIDIA (faster with "
     "9), else 9",
     "elements of an NTT workgroup, as a power of two: 2^10 (32 KiB) or 2^9, each invocation "
     "loading two (NVIDIA) or four (tuning)",
     check<ntt_log_cap>},
    {"GPUEXEC_NTT_SHUFFLE", Type::Words, "`auto`, `0`, `1`",
     "`auto`: on where the device's subgroups have one fixed size and shuffles",
     "`1`: an NTT pass's levels within a subgroup swap elements by subgroup shuffles, only every "
     "sixth level (subgroups of 32) through workgroup memory; `0`: every level pair through "
     "workgroup memory (tuning; `1` where the device allows)",
     check<ntt_shuffle>},
    {"GPUEXEC_MSM_SEGMENT_BUCKETS", Type::Count, "whole number >= 1 (not empty)",
     "CPU drivers: 16 or more (at most 2048 segments a window); GPUs: as few as give about "
     "32K reduction invocations",
     "buckets each invocation of the MSM's bucket reduction sums, rounded down to a power of two "
     "(tuning)",
     check<msm_segment_buckets>},
    {"GPUEXEC_COALESCED_IO", Type::Words, "`auto`, `0`, `1`", "`auto`: add and sub on NVIDIA",
     "`1`: the element-wise kernels move a workgroup's elements between memory and workgroup "
     "memory as consecutive words, so each subgroup's load covers whole sectors "
     "(tuning; where the workgroup memory allows)",
     check<coalesced_io>},
    {"GPUEXEC_FENCE_WAIT", Type::Words, "`spin`, `block`", "by device type",
     "`spin`: every wait polls up to 20 ms before blocking (the rule on GPUs); `block`: only "
     "small jobs poll (the rule on CPU drivers)",
     check<fence_wait>},
    {"GPUEXEC_LOCAL_SIZE", Type::Count, "whole number >= 1 (not empty)",
     "64, capped by the device's limits", "workgroup size of the kernels (tuning)",
     check<local_size>},
    {"GPUEXEC_HOST_INPUT_MEMORY", Type::Words, "`default`, `cached`", "`default`: the BAR",
     "`cached`: the inputs the host writes (mapped A\\|\\|B, upload staging) in host-cached "
     "memory instead of the device-local BAR (an experiment)",
     check<host_input_memory>},
    {"GPUEXEC_HOST_IMPORT", Type::Words, "`auto`, `0`, `1`, `copy`, `bind`", "`auto`",
     "jobs on host arrays: `auto` imports the caller's arrays into the device "
     "(VK_EXT_external_memory_host, no staging copies) from 64K elements on devices that share "
     "the host's memory (UMA, lavapipe), where kernels read them in place; `1` imports every "
     "job that can be, discrete GPUs too, where the copy engine moves them to and from "
     "device-local buffers; `copy` / `bind`: every job through the copy engine / bound to the "
     "kernels, on any device; `0` never (the staged paths)",
     check<host_import>},
    {"GPUEXEC_CLI_CHUNK_ELEMS", Type::Count, "whole number >= 1 (not empty)", "32768",
     "elements per chunk of the streaming CLI (`run`, and `batch` jobs larger than one chunk): "
     "its memory is a few chunks of each file whatever their sizes",
     check<cli_chunk_elems>},
    {"GPUEXEC_CPU_ARITH", Type::Words, "`auto`, `portable`",
     "`auto`: BMI2/ADX (mulx, adcx, adox) where cpuid has them",
     "CPU field arithmetic (CPU backend, conversions, input checks): `portable` forces the "
     "plain C++ code on any CPU (testing); read once, at first use",
     check<cpu_arith>},
    {"XDG_CACHE_HOME", Type::Path, "a directory", "`$HOME/.cache`",
     "the on-disk pipeline cache lives in `$XDG_CACHE_HOME/gpuexec`, one file per device, "
     "checked against the device's pipelineCacheUUID",
     check<xdg_cache_home>},
    {"HOME", Type::Path, "a directory", "no on-disk pipeline cache",
     "the pipeline cache's fallback directory, `$HOME/.cache/gpuexec`", check<home>},
};
}  // namespace

std::span<const Variable> variables() {
  return kVariables;
}

std::string markdown_table() {
  std::string out =
      "| variable | values | default (unset or empty) | meaning |\n"
      "|----------|--------|--------------------------|---------|\n";
  for (const Variable& v : kVariables) {
    out += fmt::format("| `{}` | {} | {} | {} |\n", v.name, v.values, v.fallback, v.meaning);
  }
  return out;
}

void check_all() {
  for (const Variable& v : kVariables) v.check();
}

}  // namespace gpuexec::env
