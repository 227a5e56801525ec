// Precomputed multiples of MSM bases: copies [2^(k * shift)] P of every base P, so that an MSM
// sums fewer windows (vulkan/msm.hpp, MsmShape). Work on all cores, once per set of bases.
#pragma once

#include <cstddef>
#include <span>
#include <vector>

#include "gpuexec/g1.hpp"

namespace gpuexec::g1 {

// out[i * blocks + k] = [2^(k * shift_bits)] points[i] for k < blocks (k = 0: the point itself;
// infinity stays infinity), affine: points.size() * blocks of them.
std::vector<G1Affine> base_multiples(std::span<const G1Affine> points, unsigned blocks,
                                     unsigned shift_bits);

}  // namespace gpuexec::g1
