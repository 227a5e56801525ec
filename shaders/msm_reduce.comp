#version 450
// Pippenger pass 5, level 0 of the reduction tree (src/vulkan/msm_tree.hpp): one invocation per
// (window, segment of seg_len buckets lo .. lo + seg_len - 1) stores
//   A = sum_i (i + 1) bucket_{lo+i}  and  R = sum_i bucket_{lo+i},
// bucket_k being the sum of slot k's pieces, by running sums from the top: run += each piece of
// a bucket, then acc += run. Every step is one addition at one call site (the formulas inlined
// once), its operands chosen by whether a piece is left.
#include "msm_io.glsl"

void main() {
  uint idx = invocation_index();
  if (idx >= params.windows * params.segs) return;
  uint w = idx / params.segs, s = idx % params.segs;
  uint lo = s * params.seg_len, base = w * params.buckets;
  uint k = lo + params.seg_len - 1u, p = poff[base + k + 1u];
  Xyzz run = xyzz_infinity(), acc = xyzz_infinity();
  for (;;) {
    bool piece = p > poff[base + k];
    Xyzz a = acc, b = run;
    if (piece) {
      a = run;
      b = part[--p];
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
  seg[(w * 2u) * params.segs + s] = acc;
  seg[(w * 2u + 1u) * params.segs + s] = run;
}
