#version 450
// Pippenger pass 1: counts the points of each (window, bucket) slot (scalars -> signed digits).
#include "msm_io.glsl"

void main() {
  uint i = invocation_index();
  if (i >= params.n) return;
  uint s[8];
  load_scalar(i, s);
  uint carry = 0u;
  for (uint w = 0u; w < params.digit_windows; ++w) {
    int d = next_digit(s, w, carry);
    if (d != 0) atomicAdd(cnt[digit_slot(w, d)], 1u);
  }
}
