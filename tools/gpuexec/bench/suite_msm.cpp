// G1 MSM: the CPU backend and the Vulkan device with resident bases (the SRS uploaded once; the
// scalars travel with each MSM), on random multiples of the generator. The CPU's result is the
// reference for the device's; the CPU row itself is checked against Pippenger with another
// window width.
#include <random>

#include "bench/suites.hpp"
#include "bench/timing.hpp"
#include "cpu/msm.hpp"
#include "gpuexec/executor.hpp"

namespace gpuexec::cli {

namespace {
Scalar random_scalar(std::mt19937_64& rng) {
  for (;;) {
    std::array<uint64_t, 4> l{rng(), rng(), rng(), rng() >> 1};
    if (fr::is_canonical(l)) return scalar_from_limbs(l);
  }
}

// n points a + k s (one addition each) made affine with one inversion.
std::vector<G1Affine> random_points(std::size_t n, std::mt19937_64& rng) {
  const G1Jacobian g = g1::to_jacobian(g1::generator());
  const G1Jacobian step = g1::mul(g, random_scalar(rng));
  G1Jacobian acc = g1::mul(g, random_scalar(rng));
  std::vector<G1Jacobian> jac(n);
  for (auto& p : jac) {
    p = acc;
    acc = g1::add(acc, step);
  }
  std::vector<G1Affine> out(n);
  g1::batch_to_affine(jac, out);
  return out;
}
}  // namespace

std::vector<BenchResult> run_msm_suite(BenchContext& ctx) {
  const BenchOptions& o = ctx.options();
  std::vector<std::size_t> sizes = o.sizes;
  if (sizes.empty()) {
    sizes = o.quick ? std::vector<std::size_t>{1 << 10, 1 << 14}
                    : std::vector<std::size_t>{1 << 12, 1 << 16, 1 << 20};
  }
  Executor cpu(ExecutorOptions{.backend = BackendKind::Cpu});
  auto owned = std::make_unique<vk::PersistentBackend>(vk::on_device(o.device));
  ctx.note_device(owned->device_info());
  Executor gpu(std::move(owned));
  std::vector<BenchResult> results;
  for (std::size_t n : sizes) {
    std::mt19937_64 rng(n);
    const std::vector<G1Affine> points = random_points(n, rng);
    std::vector<Scalar> scalars(n);
    for (auto& s : scalars) s = random_scalar(rng);
    G1Jacobian want;
    cpu::msm(points, scalars, want, {.window_bits = cpu::msm_window_bits(n) - 1});
    const auto add_row = [&](const char* variant, const Timing& t, bool ok) {
      BenchResult r = make_result({"msm", variant}, n, t, ok);
      r.op_label = "msm";
      results.push_back(std::move(r));
    };
    for (auto* ex : {&cpu, &gpu}) {
      const char* variant = ex == &cpu ? "cpu" : "vulkan-resident";
      ctx.progress("msm", variant, n);
      const MsmBases bases = ex->upload_bases(points);
      G1Jacobian got;
      bool ok = true;
      const Timing t = measure(
          1, o.reps, [&] { ex->msm(bases, scalars, std::span(&got, 1)); },
          [&] { ok = ok && g1::equal(got, want); });
      add_row(variant, t, ok);
    }
  }
  return results;
}

}  // namespace gpuexec::cli
