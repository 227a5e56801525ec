#version 450
// One radix-2^t pass of a Stockham NTT (natural order in and out, out of place): for each of the
// len / R groups j of each vector, with R = 2^t, Ns = the earlier radices' product, k = j mod Ns:
//   x[r] = src[j + r len/R] * w_(Ns R)^(r k),  r < R;  X = DFT_R(x);
//   dst[(j / Ns) Ns R + k + r Ns] = X[r].
// A workgroup holds NTT_CAP elements in shared memory: NTT_CAP / R groups, loaded so that
// neighbouring invocations read neighbouring groups (coalesced), stored bit-reversed, then t
// levels of Cooley-Tukey in place (radix 4, one radix-2 level first when t is odd) give the DFT
// in natural order. The coset (first pass)
// and the inverse's n^-1 s^-j (last pass) ride on the loads and stores.
#extension GL_GOOGLE_include_directive : require
#include "field.glsl"
#include "ntt_io.glsl"

layout(std430, set = 0, binding = 0) readonly buffer Src { WORD src_words[]; };
layout(std430, set = 0, binding = 1) writeonly buffer Dst { WORD dst_words[]; };
DEFINE_LOAD(load_src, src_words)
DEFINE_STORE(store_dst, dst_words)

// 2^NTT_LOG_CAP elements: 512 (16 KiB of 32-byte elements, Vulkan's minimum shared memory) or
// 1024; PER_INVOCATION (2 or 4: the workgroup size) loaded and stored by each invocation. With 4
// every invocation has a radix-4 butterfly, with 2 half of them (more invocations, fewer
// registers each).
const uint LOG_CAP = NTT_LOG_CAP;
const uint NTT_CAP = 1u << NTT_LOG_CAP;
const uint PER_INVOCATION = NTT_CAP / NTT_THREADS;

// Shared memory limb-major (limb k of element i in sh[k]), the element index's low five bits
// XORed with the next five: in every phase neighbouring invocations then touch different banks,
// or at most 4 on one (a row of 32-byte elements put 8 lanes on a bank, and the loads' and
// stores' strides of R up to 32).
#if LIMB_BITS == 64
#define LIMB uint64_t
#else
#define LIMB uint
#endif
shared LIMB sh[LIMBS][NTT_CAP];
uint swizzle(uint i) {
  return i ^ ((i >> 5u) & 31u);
}
Elem sh_get(uint i) {
  const uint s = swizzle(i);
  Elem r;
  [[unroll]] for (int k = 0; k < LIMBS; ++k) r.l[k] = sh[k][s];
  return r;
}
void sh_put(uint i, Elem x) {
  const uint s = swizzle(i);
  [[unroll]] for (int k = 0; k < LIMBS; ++k) sh[k][s] = x.l[k];
}

void main() {
  const uint t = pc.log_radix, R = 1u << t;
  const uint log_groups = LOG_CAP - t;  // groups per workgroup: NTT_CAP / R
  const uint log_per_vec = pc.log_len - t;
  const uint first = workgroup_index() << log_groups;
  const uint tid = gl_LocalInvocationID.x;
  const uint ns_mask = (1u << pc.log_ns) - 1u;

  [[unroll]] for (uint h = 0u; h < PER_INVOCATION; ++h) {
    const uint q = tid + h * NTT_THREADS;
    const uint r = q >> log_groups, c = q & ((1u << log_groups) - 1u);
    const uint g = first + c;
    if (g < pc.count) {
      const uint b = g >> log_per_vec, j = g & ((1u << log_per_vec) - 1u);
      const uint J = j + (r << log_per_vec);
      Elem x = load_src((b << pc.log_len) + J);
      if (pc.scale == 1u) x = field_mul(x, sc_pow(pc.sc_base + pc.sc_mult * J));
      if (pc.log_ns != 0u && r != 0u) {
        const uint e = r * (j & ns_mask);  // w_(Ns R)^e
        x = field_mul(x, pc.pass_tw != 0u
                             ? load_tw(pc.pass_tw + (e << (pc.pass_tw_log - pc.log_ns - t)))
                             : tw_pow(e << (pc.tw_log - pc.log_ns - t)));
      }
      sh_put((c << t) + (bitfieldReverse(r) >> (32u - t)), x);
    }
  }
  memoryBarrierShared();
  barrier();

  // An odd t starts with one radix-2 level: PER_INVOCATION / 2 butterflies per invocation (group
  // c, butterfly p).
  uint l = 0u;
  if ((t & 1u) == 1u) {
    [[unroll]] for (uint h = 0u; h < PER_INVOCATION / 2u; ++h) {
      const uint i = tid + h * NTT_THREADS;
      const uint c = i >> (t - 1u), p = i & ((R >> 1) - 1u);
      if (first + c < pc.count) {
        const uint i0 = (c << t) + 2u * p;
        const Elem u = sh_get(i0), v = sh_get(i0 + 1u);
        sh_put(i0, field_add(u, v));
        sh_put(i0 + 1u, field_sub(u, v));
      }
    }
    memoryBarrierShared();
    barrier();
    l = 1u;
  }
  // Then levels l and l + 1 together (radix 4: half the barriers and shared-memory traffic):
  // invocation i < NTT_CAP / 4 takes x[base + pos + {0, 1, 2, 3} h], h = 2^l, pos < h.
  const uint c4 = t >= 2u ? tid >> (t - 2u) : 0u, p4 = tid & ((R >> 2) - 1u);
  const bool live4 = tid < NTT_CAP / 4u && t >= 2u && first + c4 < pc.count;
  for (; l < t; l += 2u) {
    const uint h = 1u << l, pos = p4 & (h - 1u);
    const uint i0 = (c4 << t) + ((p4 >> l) << (l + 2u)) + pos;
    if (live4 && l == 0u) {
      // Levels 0 and 1: w_2^0 = w_4^0 = 1, so only w_4^1 takes a product (one in four).
      const Elem a0 = sh_get(i0), a1 = sh_get(i0 + 1u), a2 = sh_get(i0 + 2u), a3 = sh_get(i0 + 3u);
      const Elem b0 = field_add(a0, a1), b1 = field_sub(a0, a1);
      const Elem v4 = field_mul(field_sub(a2, a3), load_tw(pc.local_off + 3u));  // w_4^1
      const Elem b2 = field_add(a2, a3);
      sh_put(i0, field_add(b0, b2));
      sh_put(i0 + 2u, field_sub(b0, b2));
      sh_put(i0 + 1u, field_add(b1, v4));
      sh_put(i0 + 3u, field_sub(b1, v4));
    } else if (live4) {
      const Elem w1 = load_tw(pc.local_off + h + pos);  // w_2h^pos
      const Elem a0 = sh_get(i0), a2 = sh_get(i0 + 2u * h);
      const Elem v1 = field_mul(sh_get(i0 + h), w1), v3 = field_mul(sh_get(i0 + 3u * h), w1);
      const Elem b0 = field_add(a0, v1), b1 = field_sub(a0, v1);
      const Elem b2 = field_add(a2, v3), b3 = field_sub(a2, v3);
      const Elem v2 = field_mul(b2, load_tw(pc.local_off + 2u * h + pos));  // w_4h^pos
      const Elem v4 = field_mul(b3, load_tw(pc.local_off + 3u * h + pos));  // w_4h^(pos+h)
      sh_put(i0, field_add(b0, v2));
      sh_put(i0 + 2u * h, field_sub(b0, v2));
      sh_put(i0 + h, field_add(b1, v4));
      sh_put(i0 + 3u * h, field_sub(b1, v4));
    }
    memoryBarrierShared();
    barrier();
  }

  [[unroll]] for (uint h = 0u; h < PER_INVOCATION; ++h) {
    const uint q = tid + h * NTT_THREADS;
    const uint r = q >> log_groups, c = q & ((1u << log_groups) - 1u);
    const uint g = first + c;
    if (g < pc.count) {
      const uint b = g >> log_per_vec, j = g & ((1u << log_per_vec) - 1u);
      const uint o = ((j >> pc.log_ns) << (pc.log_ns + t)) + (j & ns_mask) + (r << pc.log_ns);
      Elem x = sh_get((c << t) + r);
      if (pc.scale == 2u) x = field_mul(x, sc_pow(pc.sc_base + pc.sc_mult * o));
      store_dst((b << pc.log_len) + o, x);
    }
  }
}
