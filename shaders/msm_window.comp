#version 450
// Pippenger pass 6: one invocation per window combines its segments s (first bucket s * L, L =
// seg_len a power of two): sum_s acc_s + [L] sum_s s * run_s, the last sum again by running sums
// from the top, then log2 L doublings. Every step is one addition at one call site (a doubling
// is acc + acc), so that the formulas are inlined once.
#include "msm_io.glsl"

void main() {
  uint w = invocation_index();
  if (w >= params.windows) return;
  uint base = 2u * w * params.segs;
  uint doublings = uint(findMSB(params.seg_len));
  Xyzz total = xyzz_infinity(), run = xyzz_infinity(), acc = xyzz_infinity();
  // Per segment s from the top: total += acc_s; run += run_s; acc += run (s >= 1). Then acc +=
  // acc, doublings times; then total += acc.
  uint seg_steps = 3u * params.segs, steps = seg_steps + doublings + 1u;
  for (uint t = 0u; t < steps; ++t) {
    uint s = params.segs - 1u - t / 3u, step = t % 3u;
    if (t < seg_steps && step == 2u && s == 0u) continue;
    Xyzz a = acc, b = acc;  // a doubling
    uint dest = 2u;         // 0 total, 1 run, 2 acc
    if (t < seg_steps) {
      if (step == 0u) {
        a = total;
        b = seg[base + 2u * s];
        dest = 0u;
      } else if (step == 1u) {
        a = run;
        b = seg[base + 2u * s + 1u];
        dest = 1u;
      } else {
        b = run;
      }
    } else if (t == steps - 1u) {
      a = total;
      dest = 0u;
    }
    Xyzz sum = xyzz_add(a, b);
    if (dest == 0u) {
      total = sum;
    } else if (dest == 1u) {
      run = sum;
    } else {
      acc = sum;
    }
  }
  win[params.out_base + w] = total;
}
