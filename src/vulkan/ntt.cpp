#include "vulkan/ntt.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <bit>
#include <cstring>
#include <vector>

#include "gpuexec/error.hpp"
#include "vulkan/pass_profile.hpp"

namespace gpuexec::vk {

namespace {

// Elements a Stockham workgroup holds in shared memory: 2^10 (32 KiB) where the device allows,
// else 2^9 (Vulkan's minimum 16 KiB); a half or a quarter as many invocations (NTT_THREADS).
constexpr unsigned kMaxLogCap = 10, kMinLogCap = 9;
constexpr VkDeviceSize kElem = sizeof(Fr);
// A range's sub-ranges start at multiples of this many bytes: aligned for any
// minStorageBufferOffsetAlignment (at most 256 by the spec).
constexpr VkDeviceSize kRangeAlign = 256;

// The push block of shaders/ntt_io.glsl.
struct Push {
  uint32_t count = 0, log_len = 0, log_radix = 0, log_ns = 0;
  uint32_t tw_lo = 0, tw_hi = 0, tw_lo_bits = 0, tw_log = 0, local_off = 0, tw_exp = 0;
  uint32_t scale = 0, sc_lo = 0, sc_hi = 0, sc_lo_bits = 0, sc_base = 0, sc_base_b = 0, sc_mult = 0;
  uint32_t dst_base = 0, dst_stride = 0;
};
enum Scale : uint32_t { kNoScale = 0, kScaleLoads = 1, kScaleStores = 2 };

struct Kernels {
  const Kernel *stockham, *cross, *scatter;
};

// The largest workgroup the device's limits allow.
unsigned device_log_cap(const DeviceInfo& info, unsigned per_invocation) {
  const VkPhysicalDeviceLimits& l = info.limits;
  const uint32_t cap = 1u << kMaxLogCap, threads = cap / per_invocation;
  const bool fits = l.maxComputeSharedMemorySize >= cap * kElem &&
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
const Kernel& ntt_kernel(Device& device, const char* entry, unsigned log_cap, uint32_t threads) {
  KernelVariant family = device.settings().kernel;
  if (family == KernelVariant::U28Wide) family = KernelVariant::U32Wide;
  const spirv::VariantInfo* v = spirv::find_variant(family);
  const std::string name = fmt::format("fr_{}_{}", entry, v ? v->name : "u64");
  for (const spirv::KernelInfo& k : spirv::kernel_infos()) {
    if (k.name == name) {
      KernelShape shape;
      shape.bindings = 4;
      shape.push_bytes = sizeof(Push);
      shape.local_size = threads;
      shape.spec = {log_cap};
      return device.kernels().get(spirv::kernel_module(k.id), shape);
    }
  }
  throw Error(ErrorCode::Internal, "no embedded kernel " + name);
}

// Radices of the Stockham passes for 2^log_len: as few passes as workgroups of 2^log_cap allow,
// balanced.
std::vector<unsigned> radices(unsigned log_len, unsigned log_cap) {
  const unsigned passes = (log_len + log_cap - 1) / log_cap;
  std::vector<unsigned> out;
  for (unsigned i = 0; i < passes; ++i) out.push_back(log_len / passes + (i < log_len % passes));
  return out;
}

// The last Stockham pass writes each group back where it read it (Ns R = len: group j's outputs
// j + r len/R are its inputs), so it can run in place; whether it does picks which of the two
// buffers a transform ends in. True for that pass when the passes must move the data `moves`
// (0 or 1) times between the buffers.
bool last_in_place(std::size_t pass, std::size_t passes, std::size_t moves) {
  return pass + 1 == passes && passes % 2 != moves;
}

uint32_t bit_reverse(uint32_t x, unsigned bits) {
  uint32_t r = 0;
  for (unsigned i = 0; i < bits; ++i) r |= ((x >> i) & 1u) << (bits - 1 - i);
  return r;
}

// One call's recording: the tables, the kernels and the helpers that record each kind of pass.
struct NttRecorder {
  Recording& rec;
  const DeviceInfo& info;
  Kernels k;
  const NttTwiddles& tw;
  int dir;  // 0 forward, 1 inverse
  unsigned log_n;
  unsigned log_cap;         // a Stockham workgroup's elements
  uint32_t threads;         // its invocations
  BufferRange tw_range;     // binding 2
  BufferRange scale_range;  // binding 3: the call's scale table, else the twiddles
  PowerTable scale_table;   // in scale_range
  bool scale_in, scale_out;
  PassProfile& profile;

  Push base_push() const {
    Push p;
    p.tw_lo = tw.roots[dir].lo;
    p.tw_hi = tw.roots[dir].hi;
    p.tw_lo_bits = tw.roots[dir].lo_bits;
    p.tw_log = log_n;
    p.local_off = tw.butterfly[dir];
    return p;
  }
  void use_scale(Push& p, uint32_t mode) const {
    p.scale = mode;
    p.sc_lo = scale_table.lo;
    p.sc_hi = scale_table.hi;
    p.sc_lo_bits = scale_table.lo_bits;
  }
  void dispatch(const Kernel& kernel, BufferRange a, BufferRange b, const Push& p,
                std::size_t invocations, const BufferRange& scales) {
    const BufferRange bindings[4] = {a, b, tw_range, scales};
    rec.dispatch(kernel, bindings, std::as_bytes(std::span(&p, 1)),
                 dispatch_size(invocations, threads, info));
  }

  // Pass `pass` of the Stockham transforms of `vectors` vectors of 2^log_len back to back,
  // src -> dst. twiddle_mult != 0: the first pass's loads times the four-step twiddle
  // w^(twiddle_mult j); call_scales: the call's coset on the first pass's loads and the
  // inverse's scale on the last pass's stores.
  void stockham_pass(std::size_t pass, BufferRange src, BufferRange dst, unsigned log_len,
                     std::size_t vectors, uint32_t twiddle_mult, bool call_scales) {
    const std::vector<unsigned> t = radices(log_len, log_cap);
    Push p = base_push();
    p.log_len = log_len;
    p.log_radix = t[pass];
    for (std::size_t i = 0; i < pass; ++i) p.log_ns += t[i];
    const std::size_t groups = vectors << (log_len - t[pass]);
    p.count = static_cast<uint32_t>(groups);
    BufferRange scales = scale_range;
    if (pass == 0 && twiddle_mult != 0) {
      p.scale = kScaleLoads;
      p.sc_lo = p.tw_lo;
      p.sc_hi = p.tw_hi;
      p.sc_lo_bits = p.tw_lo_bits;
      p.sc_mult = twiddle_mult;
      scales = tw_range;
    } else if (pass == 0 && call_scales && scale_in) {
      use_scale(p, kScaleLoads);
      p.sc_mult = 1;
    } else if (pass + 1 == t.size() && call_scales && scale_out) {
      use_scale(p, kScaleStores);
      p.sc_mult = 1;
    }
    const std::size_t per_workgroup = std::size_t{1} << (log_cap - t[pass]);  // groups
    const std::size_t workgroups = (groups + per_workgroup - 1) / per_workgroup;
    dispatch(*k.stockham, src, dst, p, workgroups * threads, scales);
  }
};

BufferRange sub(const Buffer& b, VkDeviceSize offset, VkDeviceSize bytes) {
  return {b.handle(), offset, bytes};
}

constexpr const char* kPassLabels[] = {"stockham0", "stockham1", "stockham2", "stockham3+"};

// Vectors that fit one binding: all passes over chunks of whole vectors.
void record_bound(NttRecorder& r, const Buffer& data, const Buffer& scratch, unsigned log_n,
                  std::size_t batch, std::size_t per_chunk) {
  const VkDeviceSize vec_bytes = kElem << log_n;
  const std::size_t passes = radices(log_n, r.log_cap).size();
  for (std::size_t first = 0; first < batch; first += per_chunk) {
    const std::size_t vectors = std::min(per_chunk, batch - first);
    const VkDeviceSize bytes = vectors * vec_bytes;
    BufferRange a = sub(data, first * vec_bytes, bytes), b = sub(scratch, 0, bytes);
    for (std::size_t pass = 0; pass < passes; ++pass) {
      // An odd count ends in place, back in data (no copy).
      const bool in_place = last_in_place(pass, passes, 0);
      r.stockham_pass(pass, a, in_place ? a : b, log_n, vectors, 0, true);
      r.rec.barrier(Hazard::KernelToKernel);
      r.profile.mark(r.rec, kPassLabels[std::min(pass, std::size(kPassLabels) - 1)]);
      if (!in_place) std::swap(a, b);
    }
  }
}

// One vector of 2^log_n at data_offset as H = 2^h ranges of G = 2^g (four-step; see ntt.hpp).
void record_ranges(NttRecorder& r, const Buffer& data, VkDeviceSize data_offset,
                   const Buffer& scratch, unsigned log_n, unsigned g) {
  const unsigned h = log_n - g;
  const std::size_t H = std::size_t{1} << h, G = std::size_t{1} << g;
  const VkDeviceSize range_bytes = kElem * G;
  const auto range = [&](const Buffer& b, std::size_t p) {
    return sub(b, (&b == &data ? data_offset : 0) + p * range_bytes, range_bytes);
  };
  // Radix-2 decimation in frequency across ranges: afterwards range p holds, for every j2, the
  // H-point DFT over j1 of X[j1 G + j2] at i1 = bitreverse(p).
  for (std::size_t m = H / 2; m >= 1; m /= 2) {
    for (std::size_t block = 0; block < H; block += 2 * m) {
      for (std::size_t pos = 0; pos < m; ++pos) {
        Push p = r.base_push();
        p.count = static_cast<uint32_t>(G);
        p.tw_exp = static_cast<uint32_t>(pos * (H / (2 * m)) * G);  // w_2m^pos in w_n
        if (m == H / 2 && r.scale_in) {
          r.use_scale(p, kScaleLoads);
          p.sc_base = static_cast<uint32_t>((block + pos) * G);
          p.sc_base_b = static_cast<uint32_t>((block + pos + m) * G);
        }
        r.dispatch(*r.k.cross, range(data, block + pos), range(data, block + pos + m), p, G,
                   r.scale_range);
      }
    }
    r.rec.barrier(Hazard::KernelToKernel);
  }
  r.profile.mark(r.rec, "cross");
  // Per range: a G-point transform of the coset w^i1 (w_G = w_n^H), pass by pass over all ranges.
  const std::size_t passes = radices(g, r.log_cap).size();
  // Ending in scratch (an even count's last pass in place), so that the scatter below lands in
  // data with no copy.
  for (std::size_t pass = 0; pass < passes; ++pass) {
    const bool from_data = pass % 2 == 0, in_place = last_in_place(pass, passes, 1);
    for (std::size_t p = 0; p < H; ++p) {
      const auto src = range(from_data ? data : scratch, p);
      r.stockham_pass(pass, src, in_place ? src : range(from_data ? scratch : data, p), g, 1,
                      bit_reverse(static_cast<uint32_t>(p), h), false);
    }
    r.rec.barrier(Hazard::KernelToKernel);
  }
  r.profile.mark(r.rec, "stockham");
  // Y[i1 + H i2] = range bitreverse(i1)[i2]: range p's slice q goes strided into range q.
  const std::size_t slice = G / H;
  for (std::size_t i1 = 0; i1 < H; ++i1) {
    const std::size_t p = bit_reverse(static_cast<uint32_t>(i1), h);
    for (std::size_t q = 0; q < H; ++q) {
      Push push = r.base_push();
      push.count = static_cast<uint32_t>(slice);
      push.dst_base = static_cast<uint32_t>(i1);
      push.dst_stride = static_cast<uint32_t>(H);
      if (r.scale_out) {
        r.use_scale(push, kScaleStores);
        push.sc_base = static_cast<uint32_t>(q * G + i1);
        push.sc_mult = static_cast<uint32_t>(H);
      }
      BufferRange src = range(scratch, p);
      src.offset += q * slice * kElem;
      src.bytes = slice * kElem;
      r.dispatch(*r.k.scatter, src, range(data, q), push, slice, r.scale_range);
    }
  }
  r.rec.barrier(Hazard::Any);
  r.profile.mark(r.rec, "scatter");
}

}  // namespace

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
  const VkDeviceSize vec_bytes = kElem << log_n;
  if (batch > data.size() / vec_bytes) {
    throw Error(ErrorCode::InvalidArgument,
                fmt::format("NTT of {} x 2^{} elements on a buffer of {} bytes", batch, log_n,
                            data.size()));
  }
  // n = 1: Y[0] = X[0] both ways (s^0 = 1, n^-1 = 1).
  if (batch == 0 || log_n == 0) return;

  VkDeviceSize limit = device.info().limits.maxStorageBufferRange;
  if (max_binding_bytes != 0) limit = std::min(limit, max_binding_bytes);
  const unsigned g = static_cast<unsigned>(std::bit_width(limit / kElem) - 1);  // 2^g per range
  const bool ranges = log_n > g;
  const unsigned h = ranges ? static_cast<unsigned>(log_n) - g : 0;
  if (ranges && (g < h || (kElem << (g - h)) % kRangeAlign != 0)) {
    throw Error(
        ErrorCode::InvalidArgument,
        fmt::format("NTT of 2^{} elements: bindings of {} bytes are too small", log_n, limit));
  }
  const auto ln = static_cast<unsigned>(log_n);
  const int dir = options.inverse ? 1 : 0;
  const NttTwiddles& tw = device.ntt_twiddles().get(device, ln);

  // The call's scale table: s^j on the forward's loads, n^-1 s^-j on the inverse's stores.
  std::vector<Fr> scales;
  PowerTable scale_table;
  const bool scale_in = !options.inverse && !(options.coset == fr::kOne);
  if (scale_in) scale_table = append_split_powers(scales, options.coset, ln);
  if (options.inverse) {
    const Fr n_inv = fr::inverse(fr::from_u64(uint64_t{1} << log_n));
    scale_table = append_split_powers(scales, fr::inverse(options.coset), ln, n_inv);
  }

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
  std::unique_ptr<Buffer> scratch = pool.acquire(MemoryUse::DeviceLocal, per_chunk * vec_bytes);
  std::unique_ptr<Buffer> scale_buffer, staging;
  const VkDeviceSize scale_bytes = scales.size() * kElem;
  if (!scales.empty()) {
    scale_buffer = pool.acquire(MemoryUse::DeviceLocal, scale_bytes);
    staging = pool.acquire(MemoryUse::Upload, scale_bytes);
    std::memcpy(staging->mapped(), scales.data(), scale_bytes);
    staging->flush(0, scale_bytes);
  }
  const BufferRange tw_range = sub(*tw.buffer, 0, tw.buffer->size());

  Phases phases;
  if (staging) {
    phases.upload = [&](Recording& rec) {
      const VkBufferCopy region{0, 0, scale_bytes};
      rec.copy(*staging, *scale_buffer, std::span(&region, 1));
    };
  }
  PassProfile profile(
      device.logical(),
      fmt::format("ntt 2^{} x{}{}", log_n, batch, options.inverse ? " inverse" : ""), 64);
  phases.compute = [&](Recording& rec) {
    rec.barrier(Hazard::Any);  // after every earlier write to the vectors
    profile.start(rec);
    NttRecorder r{rec,
                  device.info(),
                  {&ntt_kernel(device, "ntt_stockham", log_cap, threads),
                   &ntt_kernel(device, "ntt_cross", log_cap, threads),
                   &ntt_kernel(device, "ntt_scatter", log_cap, threads)},
                  tw,
                  dir,
                  ln,
                  log_cap,
                  threads,
                  tw_range,
                  scale_buffer ? sub(*scale_buffer, 0, scale_bytes) : tw_range,
                  scale_table,
                  scale_in,
                  options.inverse,
                  profile};
    if (!ranges) {
      record_bound(r, data, *scratch, ln, batch, per_chunk);
    } else {
      for (std::size_t b = 0; b < batch; ++b)
        record_ranges(r, data, b * vec_bytes, *scratch, ln, g);
    }
  };
  Submission& submission = device.resident_submission();
  try {
    submission.submit(phases);
    submission.wait();
  } catch (...) {
    submission.abandon();
    throw;
  }
  profile.report();
  pool.release(std::move(scratch));
  if (scale_buffer) pool.release(std::move(scale_buffer));
  if (staging) pool.release(std::move(staging));
}

}  // namespace gpuexec::vk
