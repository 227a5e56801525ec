#version 450
// Pippenger pass 2: off = exclusive prefix sums of the slot counts, the total at off[slots];
// each count becomes its slot's cursor for the scatter. Workgroups of 256 take blocks of 2048
// slots (8 a thread), in three dispatches (params.phase), the blocks' totals after the counts
// (cnt[slots + b]):  0: each block's total;  1 (one workgroup): their exclusive prefix sums, in
// place (at most 2048 blocks: src/vulkan/msm.cpp checks);  2: each block's slots from its prefix.
#include "msm_io.glsl"

const uint PER_THREAD = 8u, BLOCK = 2048u;
shared uint scan_part[256];

// The workgroup's exclusive prefix sum of v in place (Hillis-Steele); returns the total.
uint workgroup_scan(inout uint v) {
  uint t = gl_LocalInvocationID.x;
  scan_part[t] = v;
  barrier();
  for (uint d = 1u; d < 256u; d <<= 1u) {
    uint add = t >= d ? scan_part[t - d] : 0u;
    barrier();
    scan_part[t] += add;
    barrier();
  }
  v = scan_part[t] - v;
  return scan_part[255];
}

void main() {
  uint t = gl_LocalInvocationID.x;
  uint slots = params.windows * params.buckets, blocks = (slots + BLOCK - 1u) / BLOCK;
  if (params.phase == 1u) {
    uint first = t * PER_THREAD, end = min(first + PER_THREAD, blocks);
    uint sum = 0u;
    for (uint b = first; b < end; ++b) sum += cnt[slots + b];
    uint total = workgroup_scan(sum);
    for (uint b = first; b < end; ++b) {
      uint v = cnt[slots + b];
      cnt[slots + b] = sum;
      sum += v;
    }
    if (t == 0u) off[slots] = total;
    return;
  }
  uint block = invocation_index() / gl_WorkGroupSize.x;
  if (block >= blocks) return;  // the whole workgroup
  uint first = block * BLOCK + t * PER_THREAD, end = min(first + PER_THREAD, slots);
  uint sum = 0u;
  for (uint k = first; k < end; ++k) sum += cnt[k];
  uint total = workgroup_scan(sum);
  if (params.phase == 0u) {
    if (t == 0u) cnt[slots + block] = total;
    return;
  }
  sum += cnt[slots + block];
  for (uint k = first; k < end; ++k) {
    uint v = cnt[k];
    off[k] = sum;
    cnt[k] = sum;
    sum += v;
  }
}
