// The number-theoretic transform over Fr: what Executor::ntt computes and its options.
#pragma once

#include <cstddef>

#include "gpuexec/fr.hpp"

namespace gpuexec {

// For vectors of n = 2^k elements, k <= 32, natural order in and out, w = fr::root_of_unity(k),
// s = coset:
//   forward:  Y[i] = sum_j X[j] * (s * w^i)^j
//   inverse:  its exact inverse, X[j] = s^-j * n^-1 * sum_i Y[i] * w^(-i j)
// batch vectors of equal length lie back to back and are transformed independently.
struct NttOptions {
  bool inverse = false;
  Fr coset = fr::kOne;  // the shift s, Montgomery form; s = 0 is rejected
  std::size_t batch = 1;
};

// The largest log2 length the library transforms (fr::kTwoAdicity).
inline constexpr unsigned kMaxNttLogN = 32;

}  // namespace gpuexec
