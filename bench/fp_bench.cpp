// Microbenchmarks of the CPU field arithmetic: ns per element, one core, and the CPU backend.
#include <benchmark/benchmark.h>

#include <random>
#include <vector>

#include "cpu/cpu_backend.hpp"
#include "gpuexec/fp_samples.hpp"
#include "gpuexec/op.hpp"

namespace {
using gpuexec::Fp;

constexpr std::size_t kElems = 4096;  // fits in L1/L2: measures the arithmetic, not memory

struct Vectors {
  std::vector<Fp> a, b, out;
  explicit Vectors(std::size_t n) : out(n) {
    std::mt19937_64 rng(42);
    for (std::size_t i = 0; i < n; ++i) {
      a.push_back(gpuexec::fp_random(rng));
      b.push_back(gpuexec::fp_random(rng));
    }
  }
};

template <Fp (*F)(const Fp&, const Fp&)>
void BM_FpOp(benchmark::State& state) {
  Vectors v(kElems);
  for (auto _ : state) {
    for (std::size_t i = 0; i < kElems; ++i) v.out[i] = F(v.a[i], v.b[i]);
    benchmark::DoNotOptimize(v.out.data());
    benchmark::ClobberMemory();
  }
  state.SetItemsProcessed(state.iterations() * kElems);
  state.counters["ns_per_elem"] =
      benchmark::Counter(static_cast<double>(state.iterations() * kElems),
                         benchmark::Counter::kIsRate | benchmark::Counter::kInvert);
}
BENCHMARK(BM_FpOp<gpuexec::fp::add>)->Name("fp_add");
BENCHMARK(BM_FpOp<gpuexec::fp::sub>)->Name("fp_sub");
BENCHMARK(BM_FpOp<gpuexec::fp::mul>)->Name("fp_mul");

// A dependent chain of multiplications: latency rather than throughput.
void BM_FpMulChain(benchmark::State& state) {
  std::mt19937_64 rng(7);
  Fp x = gpuexec::fp_random(rng);
  const Fp y = gpuexec::fp_random(rng);
  for (auto _ : state) {
    for (int i = 0; i < 1000; ++i) x = gpuexec::fp::mul(x, y);
    benchmark::DoNotOptimize(x);
  }
  state.counters["ns_per_mul"] =
      benchmark::Counter(static_cast<double>(state.iterations() * 1000),
                         benchmark::Counter::kIsRate | benchmark::Counter::kInvert);
}
BENCHMARK(BM_FpMulChain)->Name("fp_mul_chain");

void BM_CpuBackend(benchmark::State& state) {
  const auto op = static_cast<gpuexec::Op>(state.range(0));
  const auto n = static_cast<std::size_t>(state.range(1));
  Vectors v(n);
  gpuexec::cpu::CpuBackend backend;
  for (auto _ : state) backend.run(op, v.a, v.b, v.out);
  state.SetItemsProcessed(state.iterations() * static_cast<int64_t>(n));
}
BENCHMARK(BM_CpuBackend)
    ->Name("cpu_backend")
    ->ArgNames({"op", "n"})
    ->ArgsProduct({{0, 2}, {1 << 10, 1 << 16, 1 << 20}})
    ->UseRealTime();
}  // namespace
