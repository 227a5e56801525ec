#version 450
// Pippenger pass 2: off = exclusive prefix sums of the slot counts and poff those of the slots'
// pieces (ceil(count / piece)), each with its total at [slots]; each count becomes its slot's
// cursor for the scatter. Workgroups of 256 take blocks of 2048 slots (8 a thread), in three
// dispatches (params.phase), the blocks' totals after the counts (cnt[slots + 2 b] and + 1):
//   0: each block's totals;  1 (one workgroup): their exclusive prefix sums, in place (at most
//   2048 blocks: src/vulkan/msm.cpp checks);  2: each block's slots from its block's prefix.
#include "msm_io.glsl"

const uint PER_THREAD = 8u, BLOCK = 2048u;
shared uint scan_counts[256];
shared uint scan_pieces[256];

uint pieces_of(uint count) {
  return (count + params.piece - 1u) / params.piece;
}

// The workgroup's exclusive prefix sums of v (counts, pieces) in place (Hillis-Steele); returns
// the totals.
uvec2 workgroup_scan(inout uvec2 v) {
  uint t = gl_LocalInvocationID.x;
  scan_counts[t] = v.x;
  scan_pieces[t] = v.y;
  barrier();
  for (uint d = 1u; d < 256u; d <<= 1u) {
    uvec2 add = t >= d ? uvec2(scan_counts[t - d], scan_pieces[t - d]) : uvec2(0u);
    barrier();
    scan_counts[t] += add.x;
    scan_pieces[t] += add.y;
    barrier();
  }
  v = uvec2(scan_counts[t], scan_pieces[t]) - v;
  return uvec2(scan_counts[255], scan_pieces[255]);
}

void main() {
  uint t = gl_LocalInvocationID.x;
  uint slots = params.windows * params.buckets, blocks = (slots + BLOCK - 1u) / BLOCK;
  if (params.phase == 1u) {
    uint first = t * PER_THREAD, end = min(first + PER_THREAD, blocks);
    uvec2 sum = uvec2(0u);
    for (uint b = first; b < end; ++b) sum += uvec2(cnt[slots + 2u * b], cnt[slots + 2u * b + 1u]);
    uvec2 total = workgroup_scan(sum);
    for (uint b = first; b < end; ++b) {
      uvec2 v = uvec2(cnt[slots + 2u * b], cnt[slots + 2u * b + 1u]);
      cnt[slots + 2u * b] = sum.x;
      cnt[slots + 2u * b + 1u] = sum.y;
      sum += v;
    }
    if (t == 0u) {
      off[slots] = total.x;
      poff[slots] = total.y;
    }
    return;
  }
  uint block = invocation_index() / gl_WorkGroupSize.x;
  if (block >= blocks) return;  // the whole workgroup
  uint first = block * BLOCK + t * PER_THREAD, end = min(first + PER_THREAD, slots);
  uvec2 sum = uvec2(0u);
  for (uint k = first; k < end; ++k) sum += uvec2(cnt[k], pieces_of(cnt[k]));
  uvec2 total = workgroup_scan(sum);
  if (params.phase == 0u) {
    if (t == 0u) {
      cnt[slots + 2u * block] = total.x;
      cnt[slots + 2u * block + 1u] = total.y;
    }
    return;
  }
  sum += uvec2(cnt[slots + 2u * block], cnt[slots + 2u * block + 1u]);
  for (uint k = first; k < end; ++k) {
    uint v = cnt[k];
    off[k] = sum.x;
    poff[k] = sum.y;
    cnt[k] = sum.x;
    sum += uvec2(v, pieces_of(v));
  }
}
