#include "vulkan/ntt.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <bit>
#include <vector>

#include "gpuexec/error.hpp"
#include "vulkan/ntt_passes.hpp"
#include "vulkan/pass_profile.hpp"

namespace gpuexec::vk {

namespace {

// Elements a Stockham workgroup holds in shared memory: 2^10 (32 KiB) where the device allows,
// else 2^9 (Vulkan's minimum 16 KiB); a half or a quarter as many invocations (NTT_THREADS).
constexpr unsigned kMaxLogCap = 10, kMinLogCap = 9;
// A range's sub-ranges start at multiples of this many bytes: aligned for any
// minStorageBufferOffsetAlignment (at most 256 by the spec).
constexpr VkDeviceSize kRangeAlign = 256;

// The largest workgroup the device's limits allow.
unsigned device_log_cap(const DeviceInfo& info, unsigned per_invocation) {
  const VkPhysicalDeviceLimits& l = info.limits;
  const uint32_t cap = 1u << kMaxLogCap, threads = cap / per_invocation;
  const bool fits = l.maxComputeSharedMemorySize >= cap * kNttElem &&
                    l.maxComputeWorkGroupInvocations >= threads &&
                    l.maxComputeWorkGroupSize[0] >= threads;
  return fits ? kMaxLogCap : kMinLogCap;
}

// The rule without GPUEXEC_NTT_LOG_CAP: the largest, but 2^9 on NVIDIA. On the H100 (one process
// each, docs/GPU_NOTES.md 12) 2^9 took 0.84 ms at 2^20 against 0.91 for 2^10, and 11.5 ms at
// 2^24 against 14.8; on lavapipe 2^10 was the faster (2^20: 448 ms against 605).
unsigned default_log_cap(const DeviceInfo& info, unsigned per_invocation) {
  return info.vendor_id == kNvidiaVendorId ? kMinLogCap : device_log_cap(info, per_invocation);
}

// Elements a Stockham invocation loads and stores: 2 on NVIDIA, where (the H100, 2^9 elements a
// workgroup, run 19 against run 20) 2 took 0.70 ms at 2^20 and 10.7 at 2^24 against 4's 0.84 and
// 11.5; 4 elsewhere (every invocation with a radix-4 butterfly).
unsigned default_per_invocation(const DeviceInfo& info) {
  return info.vendor_id == kNvidiaVendorId ? 2 : 4;
}

// The family's limbs, but u32w under u28w (NVIDIA's default): on the H100 (run 21, one call)
// the u32w passes took 0.70 ms at 2^20 and 9.55 at 2^24 against u28w's 0.78 and 10.5.
const Kernel& ntt_kernel(Device& device, const char* entry, std::vector<uint32_t> spec,
                         uint32_t threads) {
  KernelVariant family = device.settings().kernel;
  if (family == KernelVariant::U28Wide) family = KernelVariant::U32Wide;
  const spirv::VariantInfo* v = spirv::find_variant(family);
  const std::string name = fmt::format("fr_{}_{}", entry, v ? v->name : "u64");
  for (const spirv::KernelInfo& k : spirv::kernel_infos()) {
    if (k.name == name) {
      KernelShape shape;
      shape.bindings = 4;
      shape.push_bytes = sizeof(NttPush);
      shape.local_size = threads;
      shape.spec = std::move(spec);
      return device.kernels().get(spirv::kernel_module(k.id), shape);
    }
  }
  throw Error(ErrorCode::Internal, "no embedded kernel " + name);
}

// The Stockham pass with subgroup shuffles where asked and it fits, else the pass through
// workgroup memory (shaders/ntt_stockham.comp).
const Kernel& stockham_kernel(Device& device, const NttLimits& limits, unsigned log_cap,
                              uint32_t threads) {
  const bool shuffle =
      limits.shuffle != 0 && (limits.shuffle == 1 || device.settings().ntt_shuffle);
  if (shuffle && ntt_shuffle_fits(device.info(), threads)) {
    const auto log_subgroup = static_cast<uint32_t>(std::countr_zero(device.info().subgroup_size));
    const uint32_t span =
        limits.shuffle_span ? std::min(limits.shuffle_span, log_subgroup) : log_subgroup;
    return ntt_kernel(device, "ntt_shuffle", {log_cap, span}, threads);
  }
  return ntt_kernel(device, "ntt_stockham", {log_cap}, threads);
}

}  // namespace

bool ntt_shuffle_fits(const DeviceInfo& info, uint32_t threads) {
  const uint32_t s = info.subgroup_size;
  return info.subgroup_shuffle && info.subgroup_size_fixed && std::has_single_bit(s) && s >= 2 &&
         threads % s == 0;
}

void run_ntt(Device& device, const Buffer& data, std::size_t log_n, std::size_t batch,
             const NttOptions& options) {
  run_ntt(device, data, log_n, batch, options, NttLimits{});
}

void run_ntt(Device& device, const Buffer& data, std::size_t log_n, std::size_t batch,
             const NttOptions& options, const NttLimits& limits) {
  const VkDeviceSize max_binding_bytes = limits.max_binding_bytes;
  const unsigned asked = limits.log_cap ? limits.log_cap : device.settings().ntt_log_cap;
  const unsigned per_invocation = limits.per_invocation == 2 || limits.per_invocation == 4
                                      ? limits.per_invocation
                                      : default_per_invocation(device.info());
  const unsigned log_cap = asked ? std::min(std::clamp(asked, kMinLogCap, kMaxLogCap),
                                            device_log_cap(device.info(), per_invocation))
                                 : default_log_cap(device.info(), per_invocation);
  const uint32_t threads = (1u << log_cap) / per_invocation;
  if (log_n > kMaxNttLogN) {
    throw Error(ErrorCode::InvalidArgument,
                fmt::format("NTT of 2^{} elements: at most 2^{}", log_n, kMaxNttLogN));
  }
  if (fr::is_zero(options.coset)) throw Error(ErrorCode::InvalidArgument, "NTT coset is zero");
  const VkDeviceSize vec_bytes = kNttElem << log_n;
  if (batch > data.size() / vec_bytes) {
    throw Error(ErrorCode::InvalidArgument,
                fmt::format("NTT of {} x 2^{} elements on a buffer of {} bytes", batch, log_n,
                            data.size()));
  }
  // n = 1: Y[0] = X[0] both ways (s^0 = 1, n^-1 = 1).
  if (batch == 0 || log_n == 0) return;

  VkDeviceSize limit = device.info().limits.maxStorageBufferRange;
  if (max_binding_bytes != 0) limit = std::min(limit, max_binding_bytes);
  const unsigned g = static_cast<unsigned>(std::bit_width(limit / kNttElem) - 1);  // 2^g per range
  const bool ranges = log_n > g;
  const unsigned h = ranges ? static_cast<unsigned>(log_n) - g : 0;
  if (ranges && (g < h || (kNttElem << (g - h)) % kRangeAlign != 0)) {
    throw Error(
        ErrorCode::InvalidArgument,
        fmt::format("NTT of 2^{} elements: bindings of {} bytes are too small", log_n, limit));
  }
  const auto ln = static_cast<unsigned>(log_n);
  const int dir = options.inverse ? 1 : 0;
  PassProfile profile(
      device.logical(),
      fmt::format("ntt 2^{} x{}{}", log_n, batch, options.inverse ? " inverse" : ""), 64);
  const NttTwiddles& tw = device.ntt_twiddles().get(device, ln);
  // The call's scale table: s^j on the forward's loads, n^-1 s^-j on the inverse's stores.
  const bool scale_in = !options.inverse && !(options.coset == fr::kOne);
  const NttScales* scales =
      scale_in || options.inverse
          ? &device.ntt_twiddles().scales(device, ln, options.coset, options.inverse)
          : nullptr;
  profile.host_mark("tables");

  BufferPool& pool = device.pool();
  // Vectors per chunk of the bound path: as many as one binding holds.
  std::size_t per_chunk = ranges ? 1 : std::min<std::size_t>(batch, limit / vec_bytes);
  if (per_chunk < batch && vec_bytes < kRangeAlign) {  // chunks start aligned
    per_chunk -= per_chunk % (kRangeAlign / vec_bytes);
  }
  if (per_chunk == 0) {  // only a forced binding limit below 256 bytes gets here
    throw Error(ErrorCode::InvalidArgument,
                fmt::format("NTT: bindings of {} bytes are too small", limit));
  }
  // One pass runs in place: no scratch.
  std::unique_ptr<Buffer> scratch;
  if (ranges || stockham_pass_count(ln, log_cap) > 1) {
    scratch = pool.acquire(MemoryUse::DeviceLocal, per_chunk * vec_bytes);
  }
  const BufferRange tw_range{tw.buffer->handle(), 0, tw.buffer->size()};
  profile.host_mark("buffers");

  Phases phases;
  phases.compute = [&](Recording& rec) {
    rec.barrier(Hazard::Any);  // after every earlier write to the vectors
    profile.start(rec);
    NttRecorder r{
        rec,
        device.info(),
        {&stockham_kernel(device, limits, log_cap, threads),
         &ntt_kernel(device, "ntt_cross", {log_cap}, threads),
         &ntt_kernel(device, "ntt_scatter", {log_cap}, threads)},
        tw,
        dir,
        ln,
        log_cap,
        threads,
        tw_range,
        scales ? BufferRange{scales->buffer->handle(), 0, scales->buffer->size()} : tw_range,
        scales ? scales->table : PowerTable{},
        scale_in,
        options.inverse,
        profile};
    if (!ranges) {
      record_bound(r, data, scratch ? *scratch : data, ln, batch, per_chunk);
    } else {
      for (std::size_t b = 0; b < batch; ++b)
        record_ranges(r, data, b * vec_bytes, *scratch, ln, g);
    }
  };
  Submission& submission = device.resident_submission();
  try {
    submission.submit(phases);
    profile.host_mark("submit");
    submission.wait();
    profile.host_mark("wait");
  } catch (...) {
    submission.abandon();
    throw;
  }
  profile.report();
  if (scratch) pool.release(std::move(scratch));
}

}  // namespace gpuexec::vk
