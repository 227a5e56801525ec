// The seed's first table: a one-shot backend (everything created per call) against the persistent
// backend, for small to medium single jobs.
#include "bench/suites.hpp"
#include "vulkan/one_shot_backend.hpp"

namespace gpuexec::cli {

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
  }
  return results;
}

}  // namespace gpuexec::cli
