#version 450
// Pippenger pass 5, level 0 of the reduction tree (src/vulkan/msm_tree.hpp): one invocation per
// (window, segment of seg_len buckets lo .. lo + seg_len - 1) stores
//   A = sum_i (i + 1) bucket_{lo+i}  and  R = sum_i bucket_{lo+i},
// bucket_k being the sum of its slot's parts (msm_accumulate.comp), by running sums from the top:
// run += each part of a bucket, then acc += run. Every step is one addition at one call site (the
// formulas inlined once), its operands chosen by whether a part is left.
#include "msm_io.glsl"

// Slot s's parts: part[s] (its first), then the heads of the invocations that start inside it,
// part[heads(s) + 1 ..], of which msm_fold.comp summed more than params.fold_above into the first.
// Returns their count; heads is where the heads start, less one.
uint parts_of(uint s, out uint heads) {
  uint o0 = off[s], o1 = off[s + 1u];
  heads = params.windows * params.buckets + o0 / params.piece;
  if (o1 == o0) return 0u;
  uint h = (o1 - 1u) / params.piece - o0 / params.piece;
  return 1u + (h > params.fold_above ? 1u : h);
}

void main() {
  uint idx = invocation_index();
  if (idx >= params.windows * params.segs) return;
  uint w = idx / params.segs, s = idx % params.segs;
  uint lo = s * params.seg_len, base = w * params.buckets;
  uint k = lo + params.seg_len - 1u, heads;
  uint left = parts_of(base + k, heads);
  Xyzz run = xyzz_infinity(), acc = xyzz_infinity();
  for (;;) {
    Xyzz a = acc, b = run;
    bool piece = left > 0u;
    if (piece) {
      a = run;
      --left;
      b = part[left == 0u ? base + k : heads + left];
    }
    Xyzz sum = xyzz_add(a, b);
    if (piece) {
      run = sum;
    } else {
      acc = sum;
      if (k == lo) break;
      left = parts_of(base + --k, heads);
    }
  }
  seg[(w * 2u) * params.segs + s] = acc;
  seg[(w * 2u + 1u) * params.segs + s] = run;
}
