#version 450
// dst[dst_base + dst_stride * i] = src[i] (times b^(sc_base + sc_mult * i) with scale 2): the
// transposition that ends a transform of a vector too long for one binding.
#extension GL_GOOGLE_include_directive : require
#include "field.glsl"
#include "ntt_io.glsl"

layout(std430, set = 0, binding = 0) readonly buffer Src { WORD src_words[]; };
layout(std430, set = 0, binding = 1) writeonly buffer Dst { WORD dst_words[]; };
DEFINE_LOAD(load_src, src_words)
DEFINE_STORE(store_dst, dst_words)

void main() {
  const uint i = workgroup_index() * NTT_THREADS + gl_LocalInvocationID.x;
  if (i >= pc.count) return;
  Elem x = load_src(i);
  if (pc.scale == 2u) x = field_mul(x, sc_pow(pc.sc_base + pc.sc_mult * i));
  store_dst(pc.dst_base + pc.dst_stride * i, x);
}
