#version 450
// out[i] = a[i] OP b[i], OP one of OP_ADD / OP_SUB / OP_MUL; the field, limb width and load
// width come from the defines of shaders/kernels.list (tools/shadergen).
#extension GL_GOOGLE_include_directive : require
#define INPUTS 2
#include "field.glsl"
#include "elementwise_io.glsl"

#if defined(OP_ADD)
#define FIELD_OP field_add
#elif defined(OP_SUB)
#define FIELD_OP field_sub
#elif defined(OP_MUL)
#define FIELD_OP FIELD_MUL
#else
#error "define OP_ADD, OP_SUB or OP_MUL"
#endif

void main() {
  uint i = element_index();
  if (!stage_inputs(i)) return;
  store_out(i, FIELD_OP(load_a(i), load_b(i)));
}
