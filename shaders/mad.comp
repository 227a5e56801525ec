#version 450
// out[i] = a[i] * b[i] + c[i]: three inputs (bindings 0, 1, 2), the output at binding 3.
#extension GL_GOOGLE_include_directive : require
#define INPUTS 3
#include "field.glsl"
#include "elementwise_io.glsl"

void main() {
  uint i = element_index();
  if (!stage_inputs(i)) return;
  store_out(i, field_add(FIELD_MUL(load_a(i), load_b(i)), load_c(i)));
}
