// Device-resident throughput: ops whose inputs and outputs stay on the device, no transfers.
#include <algorithm>

#include "bench/suites.hpp"
#include "bench/timing.hpp"
#include "gpuexec/executor.hpp"

namespace gpuexec::cli {

namespace {
// Sustained load before timing each op: without it the kernels ran at the idle SM clock (an H200
// at 345 instead of 1980 MHz), 3-5x slower at 2^24 elements and above (docs/GPU_NOTES.md, 7.9).
constexpr double kWarmUpMs = 300;
}  // namespace

std::vector<BenchResult> run_resident_suite(BenchContext& ctx) {
  const BenchOptions& o = ctx.options();
  std::vector<std::size_t> sizes = o.sizes;
  if (sizes.empty()) {
    sizes = o.quick ? std::vector<std::size_t>{1 << 16, 1 << 18}
                    : std::vector<std::size_t>{1 << 16, 1 << 18, 1 << 20, 1 << 22, 1 << 24};
  }
  auto owned = std::make_unique<vk::PersistentBackend>(vk::on_device(o.device));
  vk::PersistentBackend& backend = *owned;
  Executor executor(std::move(owned));
  ctx.note_device(backend.device_info());
  // Device time per op besides the host's: tells the kernel apart from submitting and waiting.
  backend.device().time_resident_ops(true);
  std::vector<BenchResult> results;
  for (std::size_t n : sizes) {
    BenchVectors v(n, 5000 + n);
    DeviceVector a = executor.upload(v.a), b = executor.upload(v.b);
    DeviceVector out = executor.allocate(n);
    const std::vector<Fp> zeros(n);
    for (Op op : kBinaryOps) {
      ctx.progress("resident", std::string(op_name(op)), n);
      executor.run(op, a, b, out);  // warm-up: pipeline compiled, memory touched
      // Sustained load right before the timed reps: the GPU falls back to its idle clock 2-3 s
      // after its last work (making the inputs of a 16M-element run takes that long), and the
      // reps of one op are too short to bring it back up (docs/GPU_NOTES.md, 7.9).
      warm_up_for(kWarmUpMs, 1, [&] { executor.run(op, a, b, out); });
      out.write(zeros);  // a rep that wrote nothing cannot pass the check below
      std::vector<double> gpu_ms;
      const Timing t = measure(
          1, o.reps, [&] { executor.run(op, a, b, out); },
          [&] { gpu_ms.push_back(backend.device().last_resident_gpu_ms); });
      out.read(v.out);
      BenchResult r = make_result({"resident", std::string(op_name(op)), op}, n, t, v.verify(op));
      r.extra["kernel"] = executor.stats().kernel;
      r.extra["gelem_per_s"] = t.median_ms > 0 ? n / (t.median_ms * 1e6) : 0.0;
      if (!gpu_ms.empty()) {
        std::sort(gpu_ms.begin(), gpu_ms.end());
        const double gpu = gpu_ms[gpu_ms.size() / 2];
        r.extra["gpu_median_ms"] = gpu;
        r.extra["gpu_min_ms"] = gpu_ms.front();
        r.extra["gpu_max_ms"] = gpu_ms.back();
        r.extra["gpu_gelem_per_s"] = gpu > 0 ? n / (gpu * 1e6) : 0.0;
      }
      results.push_back(std::move(r));
    }
  }
  return results;
}

}  // namespace gpuexec::cli
