#version 450
// Pippenger pass 2 (one workgroup of at most 256): off = exclusive prefix sums of the slot counts
// and poff those of the slots' pieces (ceil(count / piece)), each with the total at [slots]; each
// count becomes its slot's cursor for the scatter.
#include "msm_io.glsl"

shared uint partial[256];
shared uint partial_pieces[256];

uint pieces_of(uint count) {
  return (count + params.piece - 1u) / params.piece;
}

void main() {
  uint t = gl_LocalInvocationID.x, threads = gl_WorkGroupSize.x;
  uint slots = params.windows * params.buckets;
  uint chunk = (slots + threads - 1u) / threads;
  uint begin = min(t * chunk, slots), end = min(begin + chunk, slots);
  uint sum = 0u, pieces = 0u;
  for (uint k = begin; k < end; ++k) {
    uint v = cnt[k];
    sum += v;
    pieces += pieces_of(v);
  }
  partial[t] = sum;
  partial_pieces[t] = pieces;
  barrier();
  if (t == 0u) {
    uint run = 0u, run_pieces = 0u;
    for (uint j = 0u; j < threads; ++j) {
      uint v = partial[j], p = partial_pieces[j];
      partial[j] = run;
      partial_pieces[j] = run_pieces;
      run += v;
      run_pieces += p;
    }
    off[slots] = run;
    poff[slots] = run_pieces;
  }
  barrier();
  uint run = partial[t], run_pieces = partial_pieces[t];
  for (uint k = begin; k < end; ++k) {
    uint v = cnt[k];
    off[k] = run;
    poff[k] = run_pieces;
    cnt[k] = run;
    run += v;
    run_pieces += pieces_of(v);
  }
}
