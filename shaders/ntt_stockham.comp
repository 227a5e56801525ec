#version 450
// One radix-2^t pass of a Stockham NTT (natural order in and out, out of place; the pass's
// loads, stores and shared memory in ntt_workgroup.glsl): t levels of Cooley-Tukey in place in
// shared memory (radix 4, one radix-2 level first when t is odd), each level pair through
// workgroup memory and a barrier. ntt_shuffle.comp is the same pass with subgroup shuffles.
#extension GL_GOOGLE_include_directive : require
#include "field.glsl"
#include "ntt_io.glsl"
#include "ntt_workgroup.glsl"

void main() {
  const Pass s = this_pass();
  const uint t = s.t, R = 1u << t, first = s.first;
  const uint tid = gl_LocalInvocationID.x;
  load_groups(s);

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

  store_groups(s);
}
