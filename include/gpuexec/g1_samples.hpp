// Random G1 points (in the subgroup) and scalars, reproducible from a seed: for benchmarks,
// tests and `gpuexec gen`.
#pragma once

#include <cstdint>
#include <random>
#include <vector>

#include "gpuexec/g1.hpp"

namespace gpuexec {

// A uniformly random scalar below r.
Scalar random_scalar(std::mt19937_64& rng);

// n points of G1, affine: in blocks of 1024 on all cores, block b holding a_b + k s_b for random
// multiples a_b, s_b of the generator (one addition a point, one inversion a block).
std::vector<G1Affine> g1_random_points(std::size_t n, uint64_t seed);

}  // namespace gpuexec
