#version 450
// Pippenger pass 6, level params.level >= 1 of the reduction tree (src/vulkan/msm_tree.hpp):
// one invocation per (window, quantity, node) adds at most 2^fan_bits points of the level below:
// A, R and the U_b of the children's bits from the same quantity of each child, a new U_b (bit t
// of the child's index) from the R of the children with that bit set. The top level (one node)
// stores into the window binding, the levels below into the segment binding. The host pushes the
// level's layout (MsmTree): its nodes and offset, and the level below's.
#include "msm_io.glsl"

void main() {
  uint idx = invocation_index();
  uint nodes = params.nodes, qs = 2u + params.fan_bits * params.level;
  if (idx >= params.windows * qs * nodes) return;
  uint node = idx % nodes, q = (idx / nodes) % qs, w = idx / (nodes * qs);
  uint below = params.below_nodes, below_qs = qs - params.fan_bits;
  uint fan = 1u << params.fan_bits;
  uint from = q, bit = 32u;  // bit 32: every child
  if (q >= below_qs) {
    from = 1u;  // R
    bit = q - below_qs;
  }
  uint src = params.below_at + (w * below_qs + from) * below;
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
    seg[params.at + (w * qs + q) * nodes + node] = acc;
  }
}
