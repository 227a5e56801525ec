// The NTT over Fr: forward and inverse, on the CPU backend (host arrays) and on the Vulkan device
// (a device vector: the transform alone, no transfers; host arrays: end to end, with them), and
// a batch of 8 vectors of n / 8 on both. Every result is checked against the CPU's.
#include <random>

#include "bench/suites.hpp"
#include "bench/timing.hpp"
#include "gpuexec/executor.hpp"
#include "gpuexec/fr_samples.hpp"

namespace gpuexec::cli {

namespace {

std::vector<Fr> random_fr(std::size_t n, uint64_t seed) {
  std::mt19937_64 rng(seed);
  std::vector<Fr> v(n);
  for (auto& x : v) x = fr_random(rng);
  return v;
}

BenchResult row(const char* variant, bool inverse, std::size_t n, const Timing& t, bool ok) {
  BenchResult r = make_result({"ntt", variant}, n, t, ok);
  r.op_label = inverse ? "intt" : "ntt";
  r.extra["gelem_per_s"] = t.median_ms > 0 ? n / (t.median_ms * 1e6) : 0.0;
  return r;
}
}  // namespace

std::vector<BenchResult> run_ntt_suite(BenchContext& ctx) {
  const BenchOptions& o = ctx.options();
  std::vector<std::size_t> sizes = o.sizes;
  if (sizes.empty()) {
    sizes = o.quick
                ? std::vector<std::size_t>{1 << 10, 1 << 14}
                : std::vector<std::size_t>{1 << 10, 1 << 12, 1 << 16, 1 << 20, 1 << 22, 1 << 24};
  }
  Executor cpu(ExecutorOptions{.backend = BackendKind::Cpu});
  auto owned = std::make_unique<vk::PersistentBackend>(vk::on_device(o.device));
  ctx.note_device(owned->device_info());
  Executor gpu(std::move(owned));
  std::vector<BenchResult> results;
  for (std::size_t n : sizes) {
    const std::vector<Fr> x = random_fr(n, 9000 + n);
    for (bool inverse : {false, true}) {
      const NttOptions options{.inverse = inverse};
      std::vector<Fr> want = x, work = x;
      ctx.progress("ntt", "cpu", n);
      bool ok = true;
      // The reference: its reps transform `want` again and again; recomputed once from x after.
      const Timing tc = measure(
          1, o.reps, [&] { cpu.ntt(want, options); }, [&] {});
      want = x;
      cpu.ntt(want, options);
      results.push_back(row("cpu", inverse, n, tc, true));

      ctx.progress("ntt", "vulkan-resident", n);
      DeviceVector v = gpu.upload(std::span<const Fr>(x));
      warm_up_for(kGpuWarmUpMs, 1, [&] { gpu.ntt(v, options); });
      v.write(std::span<const Fr>(x));
      const Timing tr = measure(
          0, o.reps, [&] { gpu.ntt(v, options); },
          [&] {
            ok = ok && v.to_host_fr() == want;
            v.write(std::span<const Fr>(x));
          });
      results.push_back(row("vulkan-resident", inverse, n, tr, ok));

      ctx.progress("ntt", "vulkan-host", n);
      ok = true;
      gpu.ntt(work, options);  // warm-up
      work = x;
      const Timing th = measure(
          0, o.reps, [&] { gpu.ntt(work, options); },
          [&] {
            ok = ok && work == want;
            work = x;
          });
      results.push_back(row("vulkan-host", inverse, n, th, ok));

      // Eight vectors of n / 8 back to back, resident, against the CPU's batch.
      const NttOptions batched{.inverse = inverse, .batch = 8};
      std::vector<Fr> want8 = x;
      const Timing tb = measure(
          1, o.reps, [&] { cpu.ntt(want8, batched); }, [&] {});
      want8 = x;
      cpu.ntt(want8, batched);
      results.push_back(row("cpu-batch8", inverse, n, tb, true));
      ctx.progress("ntt", "vulkan-batch8", n);
      ok = true;
      v.write(std::span<const Fr>(x));
      const Timing tv = measure(
          0, o.reps, [&] { gpu.ntt(v, batched); },
          [&] {
            ok = ok && v.to_host_fr() == want8;
            v.write(std::span<const Fr>(x));
          });
      results.push_back(row("vulkan-batch8", inverse, n, tv, ok));
    }
  }
  return results;
}

}  // namespace gpuexec::cli
