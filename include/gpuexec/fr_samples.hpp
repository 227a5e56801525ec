// Values that exercise Fr arithmetic and the NTT: edge cases around r, R, limb boundaries and
// the roots of unity, and random elements.
#pragma once

#include <random>
#include <vector>

#include "gpuexec/fr.hpp"

namespace gpuexec {

// Canonical edge values as Fr: 0, 1, 2, r-1, r-2, (r-1)/2, (r+1)/2, R, R^-1, 2^64-1, 2^64, ...,
// 2^192, 2^254, the multiplicative generator 7, and the roots of unity of order 2, 4, 2^16, 2^32.
std::vector<Fr> fr_edge_values();

// Appends every ordered pair of edge values: a gets x, b gets y, for all x, y.
void fr_edge_pairs(std::vector<Fr>& a, std::vector<Fr>& b);

// A uniformly random field element (rejection sampling on 255-bit integers).
Fr fr_random(std::mt19937_64& rng);

}  // namespace gpuexec
