#include "vulkan/msm_tree.hpp"

#include "cpu/msm.hpp"
#include "gpuexec/error.hpp"

namespace gpuexec::vk {

MsmTree::MsmTree(uint32_t windows, uint32_t segs, unsigned fan_bits)
    : windows_(windows), segs_(segs), fan_bits_(fan_bits), levels_(1) {
  if (segs == 0 || fan_bits == 0) throw Error(ErrorCode::Internal, "msm: an empty reduction tree");
  while (nodes(levels_) > 1) ++levels_;
}

std::size_t MsmTree::offset(unsigned level) const {
  std::size_t at = 0;
  for (unsigned v = 0; v < level; ++v) at += std::size_t{windows_} * quantities(v) * nodes(v);
  return at;
}

G1Xyzz window_sum(std::span<const G1Xyzz> top, unsigned seg_bits) {
  // Horner from the highest U_b down, then 2^seg_bits: each doubling on the host, once a window.
  const cpu::XyzzOps& g = cpu::fast_xyzz();
  G1Xyzz t{};  // infinity (ZZ = 0)
  for (std::size_t b = top.size(); b-- > 2;) t = g.add(g.dbl(t), top[b]);
  for (unsigned k = 0; k < seg_bits; ++k) t = g.dbl(t);
  return g.add(top[0], t);
}

}  // namespace gpuexec::vk
