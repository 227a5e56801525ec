// Random field elements for tests, reproducible from a seed.
#pragma once

#include <random>
#include <vector>

#include "gpuexec/fp_samples.hpp"
#include "gpuexec/fr_samples.hpp"

namespace gpuexec::test {

inline std::vector<Fp> random_vector(std::size_t n, uint64_t seed) {
  std::mt19937_64 rng(seed);
  std::vector<Fp> v(n);
  for (auto& x : v) x = fp_random(rng);
  return v;
}

inline std::vector<Fr> random_fr(std::size_t n, uint64_t seed) {
  std::mt19937_64 rng(seed);
  std::vector<Fr> v(n);
  for (auto& x : v) x = fr_random(rng);
  return v;
}

}  // namespace gpuexec::test
