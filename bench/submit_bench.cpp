// Host-side cost of a persistent job, in microseconds: an empty submit + fence wait, and whole
// tiny jobs (copy in, record, submit, wait, copy out) on the default Vulkan device, so a
// regression in the host path shows without a GPU (lavapipe).
#include <benchmark/benchmark.h>

#include <memory>
#include <random>
#include <vector>

#include "gpuexec/fp_samples.hpp"
#include "vulkan/persistent_backend.hpp"
#include "vulkan/submission.hpp"

namespace {
using gpuexec::Fp;

gpuexec::vk::PersistentBackend& backend() {
  static auto b = std::make_unique<gpuexec::vk::PersistentBackend>(gpuexec::vk::on_device(-1),
                                                                   std::filesystem::path{});
  return *b;
}

void BM_EmptySubmit(benchmark::State& state) {
  const auto& dev = backend().logical_device();
  gpuexec::vk::FenceSubmission commands(dev, false);
  for (auto _ : state) {
    commands.submit({});
    commands.wait(true);
  }
}
BENCHMARK(BM_EmptySubmit)->Name("empty_submit_wait")->Unit(benchmark::kMicrosecond)->UseRealTime();

void BM_PersistentJob(benchmark::State& state) {
  const auto n = static_cast<std::size_t>(state.range(0));
  std::mt19937_64 rng(1);
  std::vector<Fp> a(n), b(n), out(n);
  for (std::size_t i = 0; i < n; ++i) {
    a[i] = gpuexec::fp_random(rng);
    b[i] = gpuexec::fp_random(rng);
  }
  backend().run(gpuexec::Op::Add, a, b, out);  // pipeline and slot ready
  for (auto _ : state) backend().run(gpuexec::Op::Add, a, b, out);
  state.SetItemsProcessed(state.iterations() * static_cast<int64_t>(n));
}
BENCHMARK(BM_PersistentJob)
    ->Name("persistent_job")
    ->Arg(1)
    ->Arg(64)
    ->Arg(1024)
    ->Unit(benchmark::kMicrosecond)
    ->UseRealTime();
}  // namespace
