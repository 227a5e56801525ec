#version 450
// One radix-2^t pass of a Stockham NTT as in ntt_stockham.comp (loads, stores and shared memory in
// ntt_workgroup.glsl), its t levels of Cooley-Tukey run in registers: each invocation holds the
// two elements of one butterfly per pair it owns, and between levels partners swap one element
// with subgroupShuffleXor. Only every (LOG_SPAN + 1)-th level goes through shared memory and a
// barrier (a pass of 9 levels: 2 rounds instead of 5), and every invocation has a butterfly at
// every level. Needs full subgroups of one size that divides the workgroup (src/vulkan/ntt.cpp);
// the shuffles span 2^LOG_SPAN lanes of them (the subgroup's size, or fewer in tests).
#extension GL_GOOGLE_include_directive : require
#extension GL_KHR_shader_subgroup_basic : require
#extension GL_KHR_shader_subgroup_shuffle : require
#include "field.glsl"
#include "ntt_io.glsl"
#include "ntt_workgroup.glsl"

layout(constant_id = 2) const uint LOG_SPAN = 5u;

// A segment of m <= LOG_SPAN + 1 levels a .. a + m - 1 in registers. A group's slot index has t bits; a thread
// tau (t - 1 bits) holds at the segment's level i the two slots whose bit a + i is 0 and 1 and
// whose other bits are tau's: its low m - 1 bits for the segment's bits (in order, skipping
// bit a + i), the rest for the slot's bits outside the segment.
uint segment_slot(uint tau, uint which, uint a, uint m, uint i) {
  const uint u = tau & ((1u << (m - 1u)) - 1u), rest = tau >> (m - 1u);
  const uint q = (u & ((1u << i) - 1u)) | (which << i) | ((u >> i) << (i + 1u));
  return (rest & ((1u << a) - 1u)) | (q << a) | ((rest >> a) << (a + m));
}

Elem shuffle_xor(Elem x, uint mask) {
  Elem r;
#if LIMB_BITS == 64
  [[unroll]] for (int k = 0; k < LIMBS; ++k)
    r.l[k] = packUint2x32(subgroupShuffleXor(unpackUint2x32(x.l[k]), mask));
#else
  [[unroll]] for (int k = 0; k < LIMBS; ++k) r.l[k] = subgroupShuffleXor(x.l[k], mask);
#endif
  return r;
}

void main() {
  const Pass s = this_pass();
  const uint t = s.t;
  load_groups(s);

  // Threads by subgroup lane, so that a lane distance is a distance in tau. A dead group's
  // threads compute on stale slots with the rest (the shuffles want whole subgroups); its
  // results are never stored.
  const uint lane = gl_SubgroupID * gl_SubgroupSize + gl_SubgroupInvocationID;
  uint m = 0u;
  for (uint a = 0u; a < t; a += m) {
    m = min(LOG_SPAN + 1u, t - a);
    [[unroll]] for (uint h = 0u; h < PER_INVOCATION / 2u; ++h) {
      const uint v = lane + h * NTT_THREADS;
      const uint base = (v >> (t - 1u)) << t, tau = v & ((1u << (t - 1u)) - 1u);
      Elem x = sh_get(base + segment_slot(tau, 0u, a, m, 0u));
      Elem y = sh_get(base + segment_slot(tau, 1u, a, m, 0u));
      for (uint i = 0u; i < m; ++i) {
        if (i != 0u) {
          // Level i - 1 -> i: slot bit a + i - 1 moves into the lanes, bit a + i out of them.
          const bool upper = ((tau >> (i - 1u)) & 1u) == 1u;
          const Elem got = shuffle_xor(upper ? x : y, 1u << (i - 1u));
          if (upper) x = got;
          else y = got;
        }
        const uint l = a + i;
        if (l != 0u) {  // w_(2^(l+1))^(slot mod 2^l); level 0's is 1
          const uint p = segment_slot(tau, 0u, a, m, i) & ((1u << l) - 1u);
          y = field_mul(y, load_tw(pc.local_off + (1u << l) + p));
        }
        const Elem sum = field_add(x, y);
        y = field_sub(x, y);
        x = sum;
      }
      sh_put(base + segment_slot(tau, 0u, a, m, m - 1u), x);
      sh_put(base + segment_slot(tau, 1u, a, m, m - 1u), y);
    }
    memoryBarrierShared();
    barrier();
  }
  store_groups(s);
}
