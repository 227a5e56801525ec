#version 450
// Pippenger pass 3: the index of each digit's copy of its point (the digit's sign in bit 31)
// into its slot's range.
#include "msm_io.glsl"

void main() {
  uint i = invocation_index();
  if (i >= params.n) return;
  uint s[8];
  load_scalar(i, s);
  uint carry = 0u;
  for (uint w = 0u; w < params.digit_windows; ++w) {
    int d = next_digit(s, w, carry);
    if (d == 0) continue;
    uint pos = atomicAdd(cnt[digit_slot(w, d)], 1u);
    sorted[pos] = copy_index(i, w) | (d < 0 ? 0x80000000u : 0u);
  }
}
