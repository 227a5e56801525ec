#version 450
// Pippenger pass 5: one invocation per (window, segment of buckets lo .. hi-1) stores its share
// of the window sum sum_k (k + 1) bucket_k, bucket_k being the sum of slot k's pieces:
//   seg = acc + [lo] run,  acc = sum_k (k - lo + 1) bucket_k,  run = sum_k bucket_k,
// acc and run by running sums from the top, [lo] run by double-and-add. Every step is one
// addition at one call site (a doubling is m + m), so that the formulas are inlined once.
#include "msm_io.glsl"

void main() {
  uint idx = invocation_index();
  if (idx >= params.windows * params.segs) return;
  uint w = idx / params.segs, s = idx % params.segs;
  uint lo = s * params.seg_len, hi = min(lo + params.seg_len, params.buckets);
  uint base = w * params.buckets;
  Xyzz run = xyzz_infinity(), acc = xyzz_infinity(), m = xyzz_infinity();
  // Phase 0: bucket k from hi - 1 down to lo: run += each of its pieces, then acc += run.
  // Phase 1: m = [lo] run, bit b of lo from the top: m += m, then m += run where the bit is set.
  // Phase 2: acc += m.
  uint phase = 0u, k = hi - 1u, p = poff[base + hi];
  int b = lo == 0u ? -1 : findMSB(lo);
  bool doubled = false;
  for (;;) {
    Xyzz a = acc, c = run;
    uint dest = 0u;  // 0 acc, 1 run, 2 m
    if (phase == 0u) {
      if (p > poff[base + k]) {
        --p;
        a = run;
        c = part[p];
        dest = 1u;
      }
    } else if (phase == 1u) {
      a = m;
      c = doubled ? run : m;
      dest = 2u;
    } else {
      c = m;
    }
    Xyzz sum = xyzz_add(a, c);
    if (dest == 1u) {
      run = sum;
    } else if (dest == 2u) {
      m = sum;
      // After the doubling for bit b: add run if the bit is set, else go on to bit b - 1.
      if (!doubled && ((lo >> uint(b)) & 1u) != 0u) {
        doubled = true;
      } else {
        doubled = false;
        --b;
        if (b < 0) phase = 2u;
      }
    } else {
      acc = sum;
      if (phase == 2u) break;
      if (k == lo) {
        if (b < 0) break;  // lo = 0: nothing to add
        phase = 1u;
      } else {
        --k;
      }
    }
  }
  seg[idx] = acc;
}
