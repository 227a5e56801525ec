// Small helpers shared by the examples: random inputs and a stopwatch.
#pragma once

#include <chrono>
#include <random>
#include <vector>

#include "gpuexec/fp.hpp"
#include "gpuexec/fp_samples.hpp"

namespace example {

inline std::vector<gpuexec::Fp> random_elements(std::size_t n, uint64_t seed) {
  std::mt19937_64 rng(seed);
  std::vector<gpuexec::Fp> v(n);
  for (auto& x : v) x = gpuexec::fp_random(rng);
  return v;
}

template <typename F>
double time_ms(F&& f) {
  const auto start = std::chrono::steady_clock::now();
  f();
  return std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - start)
      .count();
}

}  // namespace example
