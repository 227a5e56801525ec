#version 450
// Pippenger pass 3: each point's index (with its digit's sign in bit 31) into its slots' ranges.
#include "msm_io.glsl"

void main() {
  uint i = invocation_index();
  if (i >= params.n) return;
  uint s[8];
  load_scalar(i, s);
  uint carry = 0u;
  for (uint w = 0u; w < params.windows; ++w) {
    int d = next_digit(s, w, carry);
    if (d == 0) continue;
    uint pos = atomicAdd(cnt[w * params.buckets + uint(abs(d)) - 1u], 1u);
    sorted[pos] = i | (d < 0 ? 0x80000000u : 0u);
  }
}
