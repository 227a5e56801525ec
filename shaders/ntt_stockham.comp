#version 450
// One radix-2^t pass of a Stockham NTT (natural order in and out, out of place): for each of the
// len / R groups j of each vector, with R = 2^t, Ns = the earlier radices' product, k = j mod Ns:
//   x[r] = src[j + r len/R] * w_(Ns R)^(r k),  r < R;  X = DFT_R(x);
//   dst[(j / Ns) Ns R + k + r Ns] = X[r].
// A workgroup holds NTT_CAP elements in shared memory: NTT_CAP / R groups, loaded so that
// neighbouring invocations read neighbouring groups (coalesced), stored bit-reversed, then t
// radix-2 levels of Cooley-Tukey in place give the DFT in natural order. The coset (first pass)
// and the inverse's n^-1 s^-j (last pass) ride on the loads and stores.
#extension GL_GOOGLE_include_directive : require
#include "field.glsl"
#include "ntt_io.glsl"

layout(std430, set = 0, binding = 0) readonly buffer Src { WORD src_words[]; };
layout(std430, set = 0, binding = 1) writeonly buffer Dst { WORD dst_words[]; };
DEFINE_LOAD(load_src, src_words)
DEFINE_STORE(store_dst, dst_words)

const uint NTT_CAP = 2u * NTT_THREADS;  // 512 elements, 16 KiB: Vulkan's minimum shared memory
const uint LOG_CAP = 9u;
shared Elem sh[NTT_CAP];

void main() {
  const uint t = pc.log_radix, R = 1u << t;
  const uint log_groups = LOG_CAP - t;  // groups per workgroup: NTT_CAP / R
  const uint log_per_vec = pc.log_len - t;
  const uint first = workgroup_index() << log_groups;
  const uint tid = gl_LocalInvocationID.x;
  const uint ns_mask = (1u << pc.log_ns) - 1u;

  [[unroll]] for (uint h = 0u; h < 2u; ++h) {
    const uint q = tid + h * NTT_THREADS;
    const uint r = q >> log_groups, c = q & ((1u << log_groups) - 1u);
    const uint g = first + c;
    if (g < pc.count) {
      const uint b = g >> log_per_vec, j = g & ((1u << log_per_vec) - 1u);
      const uint J = j + (r << log_per_vec);
      Elem x = load_src((b << pc.log_len) + J);
      if (pc.scale == 1u) x = field_mul(x, sc_pow(pc.sc_base + pc.sc_mult * J));
      if (pc.log_ns != 0u && r != 0u) {
        x = field_mul(x, tw_pow((r * (j & ns_mask)) << (pc.tw_log - pc.log_ns - t)));
      }
      sh[(c << t) + (bitfieldReverse(r) >> (32u - t))] = x;
    }
  }
  memoryBarrierShared();
  barrier();

  // One butterfly per invocation per level: group c, butterfly p of R / 2.
  const uint c = tid >> (t - 1u), p = tid & ((R >> 1) - 1u);
  const bool live = first + c < pc.count;
  for (uint l = 0u; l < t; ++l) {
    const uint half_len = 1u << l, pos = p & (half_len - 1u);
    const uint i0 = (c << t) + ((p >> l) << (l + 1u)) + pos, i1 = i0 + half_len;
    if (live) {
      const Elem u = sh[i0];
      const Elem v = pos == 0u ? sh[i1] : field_mul(sh[i1], load_tw(pc.local_off + half_len + pos));
      sh[i0] = field_add(u, v);
      sh[i1] = field_sub(u, v);
    }
    memoryBarrierShared();
    barrier();
  }

  [[unroll]] for (uint h = 0u; h < 2u; ++h) {
    const uint q = tid + h * NTT_THREADS;
    const uint r = q >> log_groups, c = q & ((1u << log_groups) - 1u);
    const uint g = first + c;
    if (g < pc.count) {
      const uint b = g >> log_per_vec, j = g & ((1u << log_per_vec) - 1u);
      const uint o = ((j >> pc.log_ns) << (pc.log_ns + t)) + (j & ns_mask) + (r << pc.log_ns);
      Elem x = sh[(c << t) + r];
      if (pc.scale == 2u) x = field_mul(x, sc_pow(pc.sc_base + pc.sc_mult * o));
      store_dst((b << pc.log_len) + o, x);
    }
  }
}
