#version 450
// Pippenger pass 6, level params.level >= 1 of the reduction tree (src/vulkan/msm_tree.hpp):
// one invocation per (window, quantity, node) adds at most 2^fan_bits points of the level below:
// A, R and the U_b of the children's bits from the same quantity of each child, a new U_b (bit t
// of the child's index) from the R of the children with that bit set. The top level (one node)
// stores into the window binding, the levels below into the segment binding.
#include "msm_io.glsl"

uint level_nodes(uint v) {
  return ((params.segs - 1u) >> (params.fan_bits * v)) + 1u;
}
uint level_quantities(uint v) {
  return 2u + params.fan_bits * v;
}
uint level_offset(uint v) {
  uint at = 0u;
  for (uint j = 0u; j < v; ++j) at += params.windows * level_quantities(j) * level_nodes(j);
  return at;
}

void main() {
  uint idx = invocation_index();
  uint v = params.level, nodes = level_nodes(v), qs = level_quantities(v);
  if (idx >= params.windows * qs * nodes) return;
  uint node = idx % nodes, q = (idx / nodes) % qs, w = idx / (nodes * qs);
  uint below = level_nodes(v - 1u), below_qs = level_quantities(v - 1u);
  uint fan = 1u << params.fan_bits;
  uint from = q, bit = 32u;  // bit 32: every child
  if (q >= below_qs) {
    from = 1u;  // R
    bit = q - below_qs;
  }
  uint src = level_offset(v - 1u) + (w * below_qs + from) * below;
  Xyzz acc = xyzz_infinity();
  for (uint j = 0u; j < fan; ++j) {
    uint child = node * fan + j;
    if (child < below && (bit == 32u || ((j >> bit) & 1u) != 0u)) {
      acc = xyzz_add(acc, seg[src + child]);
    }
  }
  if (nodes == 1u) {
    win[(params.out_base + w) * qs + q] = acc;
  } else {
    seg[level_offset(v) + (w * qs + q) * nodes + node] = acc;
  }
}
