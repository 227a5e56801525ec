#version 450
// Pippenger pass 4: one invocation per piece (at most `piece` points of one slot) sums its points
// (negated for negative digits) with mixed additions into an XYZZ partial bucket sum.
#include "msm_io.glsl"

void main() {
  uint p = invocation_index();
  uint slots = params.windows * params.buckets;
  if (p >= poff[slots]) return;
  // The slot owning piece p: the last k with poff[k] <= p.
  uint lo = 0u, hi = slots;  // poff[lo] <= p < poff[hi]
  while (hi - lo > 1u) {
    uint mid = (lo + hi) / 2u;
    if (poff[mid] <= p) {
      lo = mid;
    } else {
      hi = mid;
    }
  }
  uint first = off[lo] + (p - poff[lo]) * params.piece;
  uint last = min(first + params.piece, off[lo + 1u]);
  Elem one = field_one();
  Xyzz acc = xyzz_infinity();
  for (uint j = first; j < last; ++j) {
    uint e = sorted[j];
    Affine q = pts[e & 0x7fffffffu];
    if ((e >> 31u) != 0u) q.y = field_neg(q.y);
    acc = xyzz_add_affine(acc, q, one);
  }
  part[p] = acc;
}
