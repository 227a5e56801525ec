// Inputs for benchmarks and the check of every result against the single-threaded reference.
#pragma once

#include <cstddef>
#include <span>
#include <vector>

#include "backend/field_job.hpp"
#include "gpuexec/fp.hpp"
#include "gpuexec/job.hpp"
#include "gpuexec/op.hpp"

namespace gpuexec::cli {

struct BenchVectors {
  std::vector<Fp> a, b, out;
  BenchVectors(std::size_t n, uint64_t seed);
  // True when out[i] == a[i] op b[i] for every i.
  bool verify(Op op) const;
};

// `count` jobs of n elements, job j's inputs from seed + 31 * j + n, as one batch.
struct BenchBatch {
  BenchBatch(Op op, std::size_t count, std::size_t n, uint64_t seed);
  BenchBatch(const BenchBatch&) = delete;  // the jobs point into data
  BenchBatch& operator=(const BenchBatch&) = delete;
  // Zeroes every output, so that a run that wrote nothing cannot pass verify().
  void clear();
  bool verify(Op op) const;

  std::vector<BenchVectors> data;
  std::vector<FieldJob> jobs;  // as backends take them
};

}  // namespace gpuexec::cli
