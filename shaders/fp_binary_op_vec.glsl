// Bindings and indexing of the u64-limb entry shaders with 16-byte loads: each element is three
// u64vec2 (the scalar variant, fp_binary_op.glsl, loads six u64).
layout(local_size_x_id = 0) in;

layout(std430, set = 0, binding = 0) readonly buffer InA { u64vec2 a_vec[]; };
layout(std430, set = 0, binding = 1) readonly buffer InB { u64vec2 b_vec[]; };
layout(std430, set = 0, binding = 2) writeonly buffer OutC { u64vec2 c_vec[]; };

layout(push_constant) uniform Params {
  uint n;  // elements in this dispatch
} params;

uint element_index() {
  return gl_GlobalInvocationID.x + gl_GlobalInvocationID.y * gl_NumWorkGroups.x * gl_WorkGroupSize.x;
}

Fp from_vecs(u64vec2 v0, u64vec2 v1, u64vec2 v2) {
  Fp r;
  r.l[0] = v0.x; r.l[1] = v0.y; r.l[2] = v1.x; r.l[3] = v1.y; r.l[4] = v2.x; r.l[5] = v2.y;
  return r;
}

Fp load_a(uint i) { return from_vecs(a_vec[3 * i], a_vec[3 * i + 1], a_vec[3 * i + 2]); }
Fp load_b(uint i) { return from_vecs(b_vec[3 * i], b_vec[3 * i + 1], b_vec[3 * i + 2]); }

void store_c(uint i, Fp v) {
  c_vec[3 * i] = u64vec2(v.l[0], v.l[1]);
  c_vec[3 * i + 1] = u64vec2(v.l[2], v.l[3]);
  c_vec[3 * i + 2] = u64vec2(v.l[4], v.l[5]);
}
