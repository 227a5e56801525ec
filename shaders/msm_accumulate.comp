#version 450
// Pippenger pass 4: invocation t sums the points of the sorted entries t P .. t P + P - 1 (P =
// params.piece; negated for negative digits) with mixed additions: every invocation the same
// count, however uneven the slots (lanes of a subgroup run in step). Where a slot starts among
// them, the sum so far is stored and a new one begun: a slot's first part goes to part[slot], the
// part before invocation t's first slot start (its head) to part[slots + t]. Slot s is its first
// part plus the heads of the invocations that start inside it, which msm_fold.comp sums into the
// first of them; cnt[t] records the slot of t's head (~0u: none).
#include "msm_io.glsl"

// The points binding as 16-byte words, 6 a point: whole-vector loads.
layout(std430, set = 0, binding = 0) readonly buffer PointWords { uvec4 pt_words[]; };

Affine load_point(uint i) {
  Affine q;
  LIMB_LOOP for (int k = 0; k < 3; ++k) {
    uvec4 x = pt_words[6u * i + uint(k)], y = pt_words[6u * i + 3u + uint(k)];
#if LIMB_BITS == 64
    q.x.l[2 * k] = packUint2x32(x.xy);
    q.x.l[2 * k + 1] = packUint2x32(x.zw);
    q.y.l[2 * k] = packUint2x32(y.xy);
    q.y.l[2 * k + 1] = packUint2x32(y.zw);
#else
    q.x.l[4 * k] = x.x;
    q.x.l[4 * k + 1] = x.y;
    q.x.l[4 * k + 2] = x.z;
    q.x.l[4 * k + 3] = x.w;
    q.y.l[4 * k] = y.x;
    q.y.l[4 * k + 1] = y.y;
    q.y.l[4 * k + 2] = y.z;
    q.y.l[4 * k + 3] = y.w;
#endif
  }
  return q;
}

void main() {
  uint t = invocation_index();
  uint slots = params.windows * params.buckets, total = off[slots];
  uint j = t * params.piece;
  if (j >= total) return;
  uint end = min(j + params.piece, total);
  // The slot of entry j: the last s with off[s] <= j (an empty slot ends where it starts).
  uint s = 0u, hi = slots;  // off[s] <= j < off[hi]
  while (hi - s > 1u) {
    uint mid = (s + hi) / 2u;
    if (off[mid] <= j) {
      s = mid;
    } else {
      hi = mid;
    }
  }
  uint dest = off[s] == j ? s : slots + t, next = off[s + 1u];
  // For msm_fold: the slot of this invocation's head (the counts are spent once scattered).
  cnt[t] = dest == s ? 0xffffffffu : s;
  Elem one = field_one();
  Xyzz acc = xyzz_infinity();
  // The next entry's point is loaded before this one's addition: its memory latency (a random
  // 96-byte read) hides behind the addition's products instead of stalling the next iteration.
  uint e = sorted[j];
  Affine q = load_point(e & 0x7fffffffu);
  for (; j < end; ++j) {
    if (j == next) {  // slot s ends: the next non-empty one starts here
      part[dest] = acc;
      acc = xyzz_infinity();
      while (off[s + 1u] <= j) ++s;
      dest = s;
      next = off[s + 1u];
    }
    Affine cur = q;
    const bool negative = (e >> 31u) != 0u;
    if (j + 1u < end) {
      e = sorted[j + 1u];
      q = load_point(e & 0x7fffffffu);
    }
    if (negative) cur.y = field_neg(cur.y);
    acc = xyzz_add_affine(acc, cur, one);
  }
  part[dest] = acc;
}
