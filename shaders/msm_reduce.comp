#version 450
// Pippenger pass 5: one invocation per (window, segment of buckets lo .. hi-1) runs sums from the
// top, bucket_k being the sum of slot k's pieces: acc = sum_k (k - lo + 1) bucket_k and
// run = sum_k bucket_k, stored as seg[2 idx] and seg[2 idx + 1] (the window pass adds the
// lo * run terms). One addition per step, so that the formulas are inlined once.
#include "msm_io.glsl"

void main() {
  uint idx = invocation_index();
  if (idx >= params.windows * params.segs) return;
  uint w = idx / params.segs, s = idx % params.segs;
  uint lo = s * params.seg_len, hi = min(lo + params.seg_len, params.buckets);
  uint base = w * params.buckets;
  Xyzz run = xyzz_infinity(), acc = xyzz_infinity();
  // Bucket k from hi - 1 down to lo: run += each of its pieces, then acc += run.
  uint k = hi - 1u, p = poff[base + hi];
  for (;;) {
    bool piece = p > poff[base + k];
    Xyzz a = acc, b = run;
    if (piece) {
      --p;
      a = run;
      b = part[p];
    }
    Xyzz sum = xyzz_add(a, b);
    if (piece) {
      run = sum;
    } else {
      acc = sum;
      if (k == lo) break;
      --k;
    }
  }
  seg[2u * idx] = acc;
  seg[2u * idx + 1u] = run;
}
