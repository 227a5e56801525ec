#version 450
// Pippenger pass 4b, between the accumulation and the reduction: the heads of each slot that has
// more than params.fold_above (the parts of the accumulation invocations that start inside it,
// msm_accumulate.comp) summed by a tree of fan-in 2^fan_bits, one dispatch a level, into the
// slot's first head. A crowded bucket (the top window's, where the scalars' few high bits put
// most points) has thousands of heads: summed in the reduction's one chain, they took most of its
// time (the H100 at 2^24 points, 19-bit windows: 1.1 s). Folding every slot cost 1.0 ms at 2^20
// points, where the reduction's time did not change. Level params.level: head i (its index among
// the slot's) with i a multiple of 2^(fan_bits (level + 1)) adds the heads i + f
// 2^(fan_bits level), 0 < f < 2^fan_bits, that exist; those were complete after the level below.
#include "msm_io.glsl"

void main() {
  uint t = invocation_index();
  uint slots = params.windows * params.buckets;
  if (t * params.piece >= off[slots]) return;
  uint s = cnt[t];  // the slot invocation t's head belongs to, or ~0u (no head)
  if (s == 0xffffffffu) return;
  uint first = off[s] / params.piece + 1u, heads = (off[s + 1u] - 1u) / params.piece + 1u - first;
  if (heads <= params.fold_above) return;  // the reduction takes these as they are
  uint i = t - first, step = 1u << (params.fan_bits * params.level);
  if (i % (step << params.fan_bits) != 0u) return;
  Xyzz acc = part[slots + t];
  for (uint f = 1u; f < (1u << params.fan_bits); ++f) {
    if (i + f * step >= heads) break;
    acc = xyzz_add(acc, part[slots + t + f * step]);
  }
  part[slots + t] = acc;
}
