#version 450
// One radix-2 decimation-in-frequency level across two ranges a and b of a vector too long for
// one binding (element i of each): a = u + v, b = (u - v) * w^tw_exp; with scale 1 the loads are
// first multiplied by the coset powers b^(sc_base + i) and b^(sc_base_b + i).
#extension GL_GOOGLE_include_directive : require
#include "field.glsl"
#include "ntt_io.glsl"

layout(std430, set = 0, binding = 0) buffer A { WORD a_words[]; };
layout(std430, set = 0, binding = 1) buffer B { WORD b_words[]; };
DEFINE_LOAD(load_a, a_words)
DEFINE_STORE(store_a, a_words)
DEFINE_LOAD(load_b, b_words)
DEFINE_STORE(store_b, b_words)

void main() {
  const uint i = workgroup_index() * NTT_THREADS + gl_LocalInvocationID.x;
  if (i >= pc.count) return;
  Elem u = load_a(i), v = load_b(i);
  if (pc.scale == 1u) {
    u = field_mul(u, sc_pow(pc.sc_base + i));
    v = field_mul(v, sc_pow(pc.sc_base_b + i));
  }
  store_a(i, field_add(u, v));
  const Elem d = field_sub(u, v);
  store_b(i, pc.tw_exp == 0u ? d : field_mul(d, tw_pow(pc.tw_exp)));
}
