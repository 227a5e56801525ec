#version 450
// Pippenger pass 6, a tree over each window's segment sums in place: one invocation per (window,
// group of `fan_in` consecutive entries `seg_stride` apart) adds its group into the first entry;
// the host records it with seg_stride = 1, fan_in, fan_in^2, ... until one entry per window is left,
// and the last level also stores that window's sum.
#include "msm_io.glsl"

void main() {
  uint idx = invocation_index();
  uint span = params.seg_stride * params.fan_in;  // entries a group covers
  uint groups = (params.segs + span - 1u) / span;
  if (idx >= params.windows * groups) return;
  uint w = idx / groups, first = (idx % groups) * span;
  uint base = w * params.segs;
  Xyzz acc = seg[base + first];
  for (uint j = first + params.seg_stride; j < min(first + span, params.segs);
       j += params.seg_stride) {
    acc = xyzz_add(acc, seg[base + j]);
  }
  seg[base + first] = acc;
  if (groups == 1u) win[params.out_base + w] = acc;
}
