#pragma once
// The MSM's bucket reduction, after its accumulation (shaders/msm_reduce.comp, msm_window.comp).
// A window's sum W = sum_k (k + 1) bucket_k over B buckets cut into segments of L = 2^l:
//   W = sum_s A_s + L sum_b 2^b U_b,   A_s = sum_i (i + 1) bucket_{sL+i},
//   R_s = sum_i bucket_{sL+i},         U_b = the sum of R_s over the segments s with bit b set.
// The reduce pass stores A_s and R_s (level 0, one invocation a segment: running sums from its
// top, no multiple of R_s). A tree of fan-in 2^f then sums A, R and the U_b level by level: a
// node of level v covers 2^(f v) segments and holds A, R and U_b for b < f v (the bits of s
// inside it), each of its quantities one invocation adding at most 2^f points of the level below,
// so a window's chain of dependent additions stays f * levels long. The host adds the doublings:
// W from the top node's quantities (window_sum). Level v's points lie in the segment binding at
// offset(v), [window][quantity][node]; the top level's in the window binding, [window][quantity].
#include <cstddef>
#include <cstdint>
#include <span>

#include "gpuexec/g1.hpp"

namespace gpuexec::vk {

class MsmTree {
 public:
  MsmTree(uint32_t windows, uint32_t segs, unsigned fan_bits);

  unsigned levels() const { return levels_; }  // above the segments' level 0; at least 1
  uint32_t nodes(unsigned level) const { return ((segs_ - 1) >> (fan_bits_ * level)) + 1; }
  // A, R, then U_0 .. U_{f level - 1}.
  uint32_t quantities(unsigned level) const { return 2 + fan_bits_ * level; }
  std::size_t offset(unsigned level) const;
  // Points of the levels below the top (the segment binding).
  std::size_t stored_points() const { return offset(levels_); }
  uint32_t top_quantities() const { return quantities(levels_); }

 private:
  uint32_t windows_, segs_;
  unsigned fan_bits_, levels_;
};

// W = A + 2^seg_bits sum_b 2^b U_b from a window's top quantities (A, R, U_0, ...).
G1Xyzz window_sum(std::span<const G1Xyzz> top, unsigned seg_bits);

}  // namespace gpuexec::vk
