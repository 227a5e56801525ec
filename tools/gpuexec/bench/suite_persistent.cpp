// The seed's first table: a one-shot backend (everything created per call) against the persistent
// backend, for small to medium single jobs; and the persistent backend on pinned vectors (host
// memory imported once, no staging copies).
#include <algorithm>

#include "bench/suites.hpp"
#include "bench/timing.hpp"
#include "vulkan/one_shot_backend.hpp"

namespace gpuexec::cli {

namespace {
BenchResult measure_pinned(BenchContext& ctx, vk::PersistentBackend& backend, const BenchVectors& v,
                           const VariantSpec& spec) {
  const std::size_t n = v.a.size();
  ctx.progress(spec.suite, spec.variant, n);
  const auto a = backend.allocate_pinned(n), b = backend.allocate_pinned(n),
             out = backend.allocate_pinned(n);
  std::copy(v.a.begin(), v.a.end(), a->elements().begin());
  std::copy(v.b.begin(), v.b.end(), b->elements().begin());
  const auto run = [&] { backend.run(spec.op, a->elements(), b->elements(), out->elements()); };
  for (int i = 0; i < spec.warmup; ++i) run();
  bool verified = true;
  const auto check_and_clear = [&] {
    const std::span<Fp> o = out->elements();
    for (std::size_t i = 0; i < n && verified; ++i) {
      verified = o[i] == apply(spec.op, v.a[i], v.b[i]);
    }
    std::fill(o.begin(), o.end(), Fp{});
  };
  check_and_clear();
  const Timing t = measure(0, spec.reps, run, check_and_clear);
  return make_result(spec, n, t, verified);
}
}  // namespace

std::vector<BenchResult> run_persistent_suite(BenchContext& ctx) {
  const BenchOptions& o = ctx.options();
  std::vector<std::size_t> sizes = o.sizes;
  if (sizes.empty()) {
    sizes = o.quick ? std::vector<std::size_t>{64, 1024, 16384}
                    : std::vector<std::size_t>{64, 1024, 4096, 16384, 65536};
  }
  vk::PersistentBackend& persistent = ctx.persistent();
  vk::OneShotBackend one_shot(vk::on_device(o.device));
  std::vector<BenchResult> results;
  for (std::size_t n : sizes) {
    BenchVectors v(n, 1000 + n);
    results.push_back(measure_variant(ctx, {"persistent", "one-shot", o.op, 1, 1, o.reps}, v,
                                      [&] { one_shot.run(o.op, v.a, v.b, v.out); }));
    // More warm-up for the persistent side: its first job compiles or loads the pipeline.
    results.push_back(measure_variant(ctx, {"persistent", "persistent", o.op, 1, 3, o.reps}, v,
                                      [&] { persistent.run(o.op, v.a, v.b, v.out); }));
    results.push_back(
        measure_pinned(ctx, persistent, v, {"persistent", "pinned", o.op, 1, 3, o.reps}));
  }
  return results;
}

}  // namespace gpuexec::cli
