// Values that exercise the arithmetic: edge cases around p, R and limb boundaries, and random
// elements.
#pragma once

#include <random>
#include <vector>

#include "gpuexec/fp.hpp"

namespace gpuexec {

// Canonical edge values as Fp: 0, 1, 2, p-1, p-2, (p-1)/2, (p+1)/2, R, R^-1, 2^64-1, 2^64,
// 2^128, ..., 2^320, 2^380, 2^381 mod p.
std::vector<Fp> fp_edge_values();

// Appends every ordered pair of edge values: a gets x, b gets y, for all x, y.
void fp_edge_pairs(std::vector<Fp>& a, std::vector<Fp>& b);

// A uniformly random field element (rejection sampling on 381-bit integers).
Fp fp_random(std::mt19937_64& rng);

}  // namespace gpuexec
