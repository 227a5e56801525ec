#version 450
// Pippenger pass 2 (one workgroup of at most 256): off = exclusive prefix sums of the slot counts
// (off[slots] = the total), and each count becomes its slot's cursor for the scatter.
#include "msm_io.glsl"

shared uint partial[256];

void main() {
  uint t = gl_LocalInvocationID.x, threads = gl_WorkGroupSize.x;
  uint slots = params.windows * params.buckets;
  uint chunk = (slots + threads - 1u) / threads;
  uint begin = min(t * chunk, slots), end = min(begin + chunk, slots);
  uint sum = 0u;
  for (uint k = begin; k < end; ++k) sum += cnt[k];
  partial[t] = sum;
  barrier();
  if (t == 0u) {
    uint run = 0u;
    for (uint j = 0u; j < threads; ++j) {
      uint v = partial[j];
      partial[j] = run;
      run += v;
    }
    off[slots] = run;
  }
  barrier();
  uint run = partial[t];
  for (uint k = begin; k < end; ++k) {
    uint v = cnt[k];
    off[k] = run;
    cnt[k] = run;
    run += v;
  }
}
