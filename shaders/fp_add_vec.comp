#version 450
// C[i] = A[i] add B[i] over Fp elements, 6 x u64 limbs, 16-byte loads.
#extension GL_GOOGLE_include_directive : require
#include "fp.glsl"
#include "fp_binary_op_vec.glsl"

void main() {
  uint i = element_index();
  if (i >= params.n) return;
  store_c(i, fp_add(load_a(i), load_b(i)));
}
