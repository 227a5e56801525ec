#include "bench/bench_data.hpp"

#include <random>

#include "gpuexec/fp_samples.hpp"

namespace gpuexec::cli {

BenchVectors::BenchVectors(std::size_t n, uint64_t seed) : a(n), b(n), out(n) {
  std::mt19937_64 rng(seed);
  for (std::size_t i = 0; i < n; ++i) {
    a[i] = fp_random(rng);
    b[i] = fp_random(rng);
  }
}

bool BenchVectors::verify(Op op) const {
  for (std::size_t i = 0; i < a.size(); ++i) {
    if (!(out[i] == apply(op, a[i], b[i]))) return false;
  }
  return true;
}

}  // namespace gpuexec::cli
