// The CPU backend over the sizes of the GPU suites, so every table can set the GPU beside it.
#include <thread>
#include "bench/suites.hpp"

#include "cpu/cpu_backend.hpp"

namespace gpuexec::cli {

std::vector<BenchResult> run_cpu_suite(BenchContext& ctx) {
  const BenchOptions& o = ctx.options();
  std::vector<std::size_t> sizes = o.sizes;
  if (sizes.empty()) {
    sizes = o.quick
                ? std::vector<std::size_t>{64, 16384, 262144}
                : std::vector<std::size_t>{64, 1024, 4096, 16384, 65536, 262144, 1 << 20, 1 << 22};
  }
  cpu::CpuBackend backend;
  std::vector<BenchResult> results;
  for (std::size_t n : sizes) {
    BenchVectors v(n, 6000 + n);
    for (Op op : kBinaryOps) {
      BenchResult r = measure_variant(ctx, {"cpu", "cpu", op, 1, 1, o.reps}, v,
                                      [&] { backend.run(op, v.a, v.b, v.out); });
      r.extra["threads"] = std::thread::hardware_concurrency();
      results.push_back(std::move(r));
    }
  }
  return results;
}

}  // namespace gpuexec::cli
