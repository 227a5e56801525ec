// G1 MSM: the CPU backend, and the Vulkan device with resident bases (the SRS uploaded once; the
// scalars travel with each MSM), with resident bases and 4 precomputed copies of each, and end
// to end (the points uploaded with each MSM), on random points of G1. A size beyond the device's
// memory is left out with a note, as are the precomputed copies above 2^22 points. The CPU's
// result is the reference for the device's; the CPU row itself is checked against Pippenger with
// another window width.
#include <fmt/format.h>

#include <random>

#include "bench/suites.hpp"
#include "bench/timing.hpp"
#include "cpu/msm.hpp"
#include "gpuexec/error.hpp"
#include "gpuexec/executor.hpp"
#include "gpuexec/g1_samples.hpp"

namespace gpuexec::cli {

std::vector<BenchResult> run_msm_suite(BenchContext& ctx) {
  // Copies of each base in the vulkan-precomputed rows (msm.hpp, MsmBasesOptions).
  constexpr unsigned kPrecompute = 4;
  // Above this, the copies' doublings on the host (at 2^24: 3 copies of 76 doublings a point) took
  // longer than the rest of the suite (the H100 host, run 23).
  constexpr std::size_t kMaxPrecomputedPoints = std::size_t{1} << 22;
  const BenchOptions& o = ctx.options();
  std::vector<std::size_t> sizes = o.sizes;
  if (sizes.empty()) {
    sizes = o.quick ? std::vector<std::size_t>{1 << 10, 1 << 14}
                    : std::vector<std::size_t>{1 << 10, 1 << 12, 1 << 16, 1 << 20, 1 << 22};
  }
  Executor cpu(ExecutorOptions{.backend = BackendKind::Cpu});
  auto owned = std::make_unique<vk::PersistentBackend>(vk::on_device(o.device));
  ctx.note_device(owned->device_info());
  Executor gpu(std::move(owned));
  std::vector<BenchResult> results;
  for (std::size_t n : sizes) {
    std::mt19937_64 rng(n);
    const std::vector<G1Affine> points = g1_random_points(n, n);
    std::vector<Scalar> scalars(n);
    for (auto& s : scalars) s = random_scalar(rng);
    G1Jacobian want;
    cpu::msm(points, scalars, want, {.window_bits = cpu::msm_window_bits(n) - 1});
    const auto add_row = [&](const char* variant, const Timing& t, bool ok) {
      BenchResult r = make_result({"msm", variant}, n, t, ok);
      r.op_label = "msm";
      results.push_back(std::move(r));
    };
    G1Jacobian got;
    const auto timed = [&](const char* variant, const std::function<void()>& run) {
      ctx.progress("msm", variant, n);
      // The GPU at its boost clock: with one warm run the first GPU row of a process ran at the
      // idle clock (the H100 in run 21, 2^16: 21.9 ms with resident bases, 5.0 in a later row
      // that also uploaded the points).
      warm_up_for(kGpuWarmUpMs, 1, run);
      bool ok = true;
      const Timing t = measure(0, o.reps, run, [&] { ok = ok && g1::equal(got, want); });
      add_row(variant, t, ok);
    };
    const std::span<G1Jacobian> out(&got, 1);
    const MsmBases cpu_bases = cpu.upload_bases(points);
    timed("cpu", [&] { cpu.msm(cpu_bases, scalars, out); });
    try {
      const MsmBases bases = gpu.upload_bases(points);
      timed("vulkan-resident", [&] { gpu.msm(bases, scalars, out); });
      if (n <= kMaxPrecomputedPoints) {
        const MsmBases copies = gpu.upload_bases(points, MsmBasesOptions{kPrecompute});
        timed("vulkan-precomputed", [&] { gpu.msm(copies, scalars, out); });
      } else {
        ctx.note(
            fmt::format("msm {}: vulkan-precomputed left out (its copies take the host "
                        "minutes above {} points)",
                        n, kMaxPrecomputedPoints));
      }
      timed("vulkan-host", [&] { gpu.msm(points, scalars, out); });
    } catch (const Error& e) {
      if (e.code() != ErrorCode::OutOfMemory) throw;
      ctx.note(fmt::format("msm {}: left out on the device: {}", n, e.what()));
    }
  }
  return results;
}

}  // namespace gpuexec::cli
