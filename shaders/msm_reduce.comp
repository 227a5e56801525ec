#version 450
// Pippenger pass 5: one invocation per (window, segment of buckets lo .. hi-1) runs sums from the
// top: acc = sum_k (k - lo + 1) bucket_k and run = sum_k bucket_k, stored as seg[2 idx] and
// seg[2 idx + 1] (the window pass adds the lo * run terms). One addition per step, so that the
// formulas are inlined once.
#include "msm_io.glsl"

void main() {
  uint idx = invocation_index();
  if (idx >= params.windows * params.segs) return;
  uint w = idx / params.segs, s = idx % params.segs;
  uint lo = s * params.seg_len, hi = min(lo + params.seg_len, params.buckets);
  Xyzz run = xyzz_infinity(), acc = xyzz_infinity();
  for (uint t = 0u; t < 2u * (hi - lo); ++t) {
    bool into_run = (t & 1u) == 0u;  // run += bucket, then acc += run
    Xyzz a = acc, b = run;
    if (into_run) {
      a = run;
      b = bkt[w * params.buckets + hi - 1u - t / 2u];
    }
    Xyzz sum = xyzz_add(a, b);
    if (into_run) {
      run = sum;
    } else {
      acc = sum;
    }
  }
  seg[2u * idx] = acc;
  seg[2u * idx + 1u] = run;
}
