// The bindings, push block and digit decomposition shared by the Pippenger passes
// (src/vulkan/msm.cpp): every pass has the same eight bindings (each uses a few) and push block,
// specialization constant 0 = local_size_x. One MSM of n points, windows of c bits (c <= 19),
// B = 2^(c-1) buckets per window; slot w * B + (|digit| - 1) is a (window, bucket) pair. The
// sorted entries are summed `piece` to an invocation, a slot's in one or more parts.
// With precomputed bases (`blocks` > 1) the points binding holds `blocks` copies of each base,
// [2^(k c windows)] P_i at i * blocks + k, and digit window k * windows + w goes to window w of
// copy k: the digit_windows digits of a scalar fill `windows` windows of buckets.
#extension GL_GOOGLE_include_directive : require
#include "field.glsl"
#include "g1.glsl"

layout(local_size_x_id = 0) in;

layout(std430, set = 0, binding = 0) readonly buffer Points { Affine pts[]; };
layout(std430, set = 0, binding = 1) readonly buffer Scalars { uint scal[]; };  // 8 words each
layout(std430, set = 0, binding = 2) buffer Counts { uint cnt[]; };       // per slot, then scan totals
layout(std430, set = 0, binding = 3) buffer Offsets { uint off[]; };      // slots + 1
layout(std430, set = 0, binding = 4) buffer Sorted { uint sorted[]; };    // point | sign << 31
layout(std430, set = 0, binding = 5) buffer Parts { Xyzz part[]; };      // per slot, then heads
layout(std430, set = 0, binding = 6) buffer Segments { Xyzz seg[]; };     // reduction tree below its top
layout(std430, set = 0, binding = 7) buffer Windows { Xyzz win[]; };      // the top, per MSM and window

layout(push_constant) uniform Params {
  uint n;            // points
  uint c;            // window bits
  uint windows;      // windows * c > 256
  uint buckets;      // B = 2^(c-1)
  uint scalar_base;  // first scalar of this MSM in the scalar binding
  uint seg_len;      // buckets per reduction segment
  uint segs;         // segments per window
  uint out_base;     // first window sum of this MSM in the window binding
  uint piece;        // sorted entries per invocation of the accumulation
  uint digit_windows; // signed digits per scalar: digit_windows * c > 256
  uint blocks;       // copies of each base in the points binding (precomputed multiples)
  uint level;        // window pass: the level of the reduction tree it sums (1, 2, ...)
  uint fan_bits;     // window pass: the tree's fan-in is 2^fan_bits
  uint phase;        // scan pass: its step (0, 1, 2)
  uint nodes;        // window pass: the level's nodes, and the level below's
  uint below_nodes;
  uint at;           // window pass: where the level's points start in the segment binding,
  uint below_at;     // and the level below's
  uint fold_above;   // a slot's heads beyond this many msm_fold.comp sums into its first head;
                     // fewer, the reduction adds itself (most slots have none or one)
} params;

uint invocation_index() {
  return gl_GlobalInvocationID.x + gl_GlobalInvocationID.y * gl_NumWorkGroups.x * gl_WorkGroupSize.x;
}

void load_scalar(uint i, out uint s[8]) {
  uint base = (params.scalar_base + i) * 8u;
  for (int k = 0; k < 8; ++k) s[k] = scal[base + uint(k)];
}

// Bits pos .. pos + c - 1 of the 256-bit scalar (zero past the top).
uint scalar_bits(uint s[8], uint pos, uint c) {
  if (pos >= 256u) return 0u;
  uint w = pos >> 5u, sh = pos & 31u;
  uint v = s[w] >> sh;
  if (sh + c > 32u && w + 1u < 8u) v |= s[w + 1u] << (32u - sh);
  return v & ((1u << c) - 1u);
}

// The slot of digit window w's nonzero digit d, and the binding index of point i's copy for it.
uint digit_slot(uint w, int d) {
  return (w % params.windows) * params.buckets + uint(abs(d)) - 1u;
}
uint copy_index(uint i, uint w) {
  return i * params.blocks + w / params.windows;
}

// Signed digit of window w given the carry from window w - 1 (updated): in [-B, B].
int next_digit(uint s[8], uint w, inout uint carry) {
  uint d = scalar_bits(s, w * params.c, params.c) + carry;
  carry = d > params.buckets ? 1u : 0u;
  return carry != 0u ? int(d) - int(params.buckets << 1u) : int(d);
}
