// How one NTT call's passes are recorded (shaders/ntt_*.comp; vulkan/ntt.hpp has the algorithm):
// the push block, a recorder that dispatches each kind of pass, and the two layouts, vectors
// within one binding (Stockham passes) and one vector as ranges (four-step).
#pragma once

#include <cstddef>
#include <cstdint>
#include <vector>

#include "gpuexec/fr.hpp"
#include "vulkan/device.hpp"
#include "vulkan/ntt_twiddles.hpp"
#include "vulkan/pass_profile.hpp"
#include "vulkan/recording.hpp"

namespace gpuexec::vk {

inline constexpr VkDeviceSize kNttElem = sizeof(Fr);

// The push block of shaders/ntt_io.glsl.
struct NttPush {
  uint32_t count = 0, log_len = 0, log_radix = 0, log_ns = 0;
  uint32_t tw_lo = 0, tw_hi = 0, tw_lo_bits = 0, tw_log = 0, local_off = 0, tw_exp = 0;
  uint32_t scale = 0, sc_lo = 0, sc_hi = 0, sc_lo_bits = 0, sc_base = 0, sc_base_b = 0, sc_mult = 0;
  uint32_t dst_base = 0, dst_stride = 0;
  uint32_t pass_tw = 0, pass_tw_log = 0;
};
enum NttScale : uint32_t { kNoScale = 0, kScaleLoads = 1, kScaleStores = 2 };

struct NttKernels {
  const Kernel *stockham, *cross, *scatter;
};

// One call's recording: the tables, the kernels and the helpers that record each kind of pass.
struct NttRecorder {
  Recording& rec;
  const DeviceInfo& info;
  NttKernels k;
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

  NttPush base_push() const {
    NttPush p;
    p.tw_lo = tw.roots[dir].lo;
    p.tw_hi = tw.roots[dir].hi;
    p.tw_lo_bits = tw.roots[dir].lo_bits;
    p.tw_log = log_n;
    p.local_off = tw.butterfly[dir];
    return p;
  }
  void use_scale(NttPush& p, uint32_t mode) const {
    p.scale = mode;
    p.sc_lo = scale_table.lo;
    p.sc_hi = scale_table.hi;
    p.sc_lo_bits = scale_table.lo_bits;
  }
  void dispatch(const Kernel& kernel, BufferRange a, BufferRange b, const NttPush& p,
                std::size_t invocations, const BufferRange& scales) {
    const BufferRange bindings[4] = {a, b, tw_range, scales};
    rec.dispatch(kernel, bindings, std::as_bytes(std::span(&p, 1)),
                 dispatch_size(invocations, threads, info));
  }

  // Pass `pass` (radix 2^radices[pass]) of the Stockham transforms of `vectors` vectors of
  // 2^log_len back to back, src -> dst. twiddle_mult != 0: the first pass's loads times the
  // four-step twiddle w^(twiddle_mult j); call_scales: the call's coset on the first pass's loads
  // and the inverse's scale on the last pass's stores.
  void stockham_pass(const std::vector<unsigned>& radices, std::size_t pass, BufferRange src,
                     BufferRange dst, unsigned log_len, std::size_t vectors, uint32_t twiddle_mult,
                     bool call_scales);
};

// The Stockham passes of a 2^log_len transform in workgroups of 2^log_cap elements.
std::size_t stockham_pass_count(unsigned log_len, unsigned log_cap);

// Vectors that fit one binding: all passes over chunks of per_chunk whole vectors. A transform of
// one pass runs in place and leaves scratch untouched.
void record_bound(NttRecorder& r, const Buffer& data, const Buffer& scratch, unsigned log_n,
                  std::size_t batch, std::size_t per_chunk);

// One vector of 2^log_n at data_offset as H = 2^(log_n - g) ranges of G = 2^g (four-step; see
// ntt.hpp).
void record_ranges(NttRecorder& r, const Buffer& data, VkDeviceSize data_offset,
                   const Buffer& scratch, unsigned log_n, unsigned g);

}  // namespace gpuexec::vk
