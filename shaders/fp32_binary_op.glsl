// Bindings and indexing of the u32-limb entry shaders: each element is three 16-byte vectors.
layout(local_size_x_id = 0) in;

layout(std430, set = 0, binding = 0) readonly buffer InA { uvec4 a_vec[]; };
layout(std430, set = 0, binding = 1) readonly buffer InB { uvec4 b_vec[]; };
layout(std430, set = 0, binding = 2) writeonly buffer OutC { uvec4 c_vec[]; };

layout(push_constant) uniform Params {
  uint n;  // elements in this dispatch
} params;

uint element_index() {
  return gl_GlobalInvocationID.x + gl_GlobalInvocationID.y * gl_NumWorkGroups.x * gl_WorkGroupSize.x;
}

Fp from_vecs(uvec4 v0, uvec4 v1, uvec4 v2) {
  Fp r;
  r.l[0] = v0.x; r.l[1] = v0.y; r.l[2] = v0.z; r.l[3] = v0.w;
  r.l[4] = v1.x; r.l[5] = v1.y; r.l[6] = v1.z; r.l[7] = v1.w;
  r.l[8] = v2.x; r.l[9] = v2.y; r.l[10] = v2.z; r.l[11] = v2.w;
  return r;
}

Fp load_a(uint i) { return from_vecs(a_vec[3 * i], a_vec[3 * i + 1], a_vec[3 * i + 2]); }
Fp load_b(uint i) { return from_vecs(b_vec[3 * i], b_vec[3 * i + 1], b_vec[3 * i + 2]); }

void store_c(uint i, Fp v) {
  c_vec[3 * i] = uvec4(v.l[0], v.l[1], v.l[2], v.l[3]);
  c_vec[3 * i + 1] = uvec4(v.l[4], v.l[5], v.l[6], v.l[7]);
  c_vec[3 * i + 2] = uvec4(v.l[8], v.l[9], v.l[10], v.l[11]);
}
