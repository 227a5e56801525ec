// Bindings and indexing shared by the element-wise entry shaders.
// binding 0: A, binding 1: B (may be two ranges of one A||B buffer), binding 2: C.
layout(local_size_x_id = 0) in;

layout(std430, set = 0, binding = 0) readonly buffer InA { uint64_t a_limbs[]; };
layout(std430, set = 0, binding = 1) readonly buffer InB { uint64_t b_limbs[]; };
layout(std430, set = 0, binding = 2) writeonly buffer OutC { uint64_t c_limbs[]; };

layout(push_constant) uniform Params {
  uint n;  // elements in this dispatch
} params;

// Dispatches wider than maxComputeWorkGroupCount[0] spill into y.
uint element_index() {
  return gl_GlobalInvocationID.x + gl_GlobalInvocationID.y * gl_NumWorkGroups.x * gl_WorkGroupSize.x;
}

Fp load_a(uint i) {
  Fp r;
  for (int k = 0; k < 6; ++k) r.l[k] = a_limbs[6 * i + k];
  return r;
}

Fp load_b(uint i) {
  Fp r;
  for (int k = 0; k < 6; ++k) r.l[k] = b_limbs[6 * i + k];
  return r;
}

void store_c(uint i, Fp v) {
  for (int k = 0; k < 6; ++k) c_limbs[6 * i + k] = v.l[k];
}
