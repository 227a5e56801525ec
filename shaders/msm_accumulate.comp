#version 450
// Pippenger pass 4: one invocation per slot sums its points (negated for negative digits) with
// mixed additions into an XYZZ bucket.
#include "msm_io.glsl"

void main() {
  uint k = invocation_index();
  if (k >= params.windows * params.buckets) return;
  Elem one = field_one();
  Xyzz acc = xyzz_infinity();
  for (uint j = off[k]; j < off[k + 1u]; ++j) {
    uint e = sorted[j];
    Affine q = pts[e & 0x7fffffffu];
    if ((e >> 31u) != 0u) q.y = field_neg(q.y);
    acc = xyzz_add_affine(acc, q, one);
  }
  bkt[k] = acc;
}
