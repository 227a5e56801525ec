#version 450
// C[i] = A[i] sub B[i] over Fp elements, 12 x u32 limbs, 16-byte loads (no shaderInt64 needed).
#extension GL_GOOGLE_include_directive : require
#include "fp32.glsl"
#include "fp32_binary_op.glsl"

void main() {
  uint i = element_index();
  if (i >= params.n) return;
  store_c(i, fp_sub(load_a(i), load_b(i)));
}
