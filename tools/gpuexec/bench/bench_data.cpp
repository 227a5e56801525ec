#include "bench/bench_data.hpp"

#include <algorithm>
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

BenchBatch::BenchBatch(Op op, std::size_t count, std::size_t n, uint64_t seed) {
  data.reserve(count);
  for (std::size_t j = 0; j < count; ++j) data.emplace_back(n, seed + 31 * j + n);
  for (auto& v : data) jobs.push_back(FieldJob::of(Job{op, v.a, v.b, v.out}));
}

void BenchBatch::clear() {
  for (auto& v : data) std::fill(v.out.begin(), v.out.end(), Fp{});
}

bool BenchBatch::verify(Op op) const {
  return std::all_of(data.begin(), data.end(), [&](const BenchVectors& v) { return v.verify(op); });
}

}  // namespace gpuexec::cli
