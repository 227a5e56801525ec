// Inputs for benchmarks and the check of every result against the single-threaded reference.
#pragma once

#include <cstddef>
#include <span>
#include <vector>

#include "gpuexec/fp.hpp"
#include "gpuexec/op.hpp"

namespace gpuexec::cli {

struct BenchVectors {
  std::vector<Fp> a, b, out;
  BenchVectors(std::size_t n, uint64_t seed);
  // True when out[i] == a[i] op b[i] for every i.
  bool verify(Op op) const;
};

}  // namespace gpuexec::cli
