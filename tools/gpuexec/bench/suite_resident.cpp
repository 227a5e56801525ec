// Device-resident throughput: ops whose inputs and outputs stay on the device, no transfers.
#include <algorithm>
#include <future>
#include <random>
#include <thread>

#include "bench/suites.hpp"
#include "bench/timing.hpp"
#include "gpuexec/executor.hpp"
#include "gpuexec/fr.hpp"
#include "spirv/kernel_catalog.hpp"
#include "vulkan/resident_ops.hpp"
#include "vulkan/resident_vector.hpp"

namespace gpuexec::cli {

namespace {
// Whether pred(begin, end) holds on every part of [0, n), the parts checked on all cores.
template <class Pred>
bool all_parts(std::size_t n, Pred pred) {
  const std::size_t parts = std::max(1u, std::thread::hardware_concurrency());
  std::vector<std::future<bool>> checks;
  for (std::size_t p = 0; p < parts; ++p) {
    checks.push_back(std::async(std::launch::async,
                                [&, p] { return pred(n * p / parts, n * (p + 1) / parts); }));
  }
  bool ok = true;
  for (auto& c : checks) ok = c.get() && ok;
  return ok;
}

// Device time of each element-wise op's timed reps, in the row's extra fields.
void add_gpu_times(BenchResult& r, std::vector<double> gpu_ms, std::size_t n) {
  if (gpu_ms.empty()) return;
  std::sort(gpu_ms.begin(), gpu_ms.end());
  const double gpu = gpu_ms[gpu_ms.size() / 2];
  r.extra["gpu_median_ms"] = gpu;
  r.extra["gpu_min_ms"] = gpu_ms.front();
  r.extra["gpu_max_ms"] = gpu_ms.back();
  r.extra["gpu_gelem_per_s"] = gpu > 0 ? n / (gpu * 1e6) : 0.0;
}

Fr fr_apply(Op op, const Fr& a, const Fr& b) {
  return op == Op::Add ? fr::add(a, b) : op == Op::Sub ? fr::sub(a, b) : fr::mul(a, b);
}

// The Fr element-wise kernels of the device's variant on n resident elements (rows "fr_OP"):
// the vectors are Fp-sized device vectors holding 32-byte Fr elements, run through the catalog's
// Fr kernel directly (the public API moves Fp only).
void run_fr_rows(BenchContext& ctx, Executor& executor, vk::PersistentBackend& backend,
                 std::size_t n, std::vector<BenchResult>& results) {
  const BenchOptions& o = ctx.options();
  std::vector<Fr> a(n), b(n), out(n);
  std::mt19937_64 rng(7000 + n);
  for (std::size_t i = 0; i < n; ++i) {
    for (Fr* x : {&a[i], &b[i]}) {  // canonical: the top limb below r's
      x->limbs = {rng(), rng(), rng(), rng() % fr::kModulus[3]};
    }
  }
  const std::size_t fp_elems = (n * sizeof(Fr) + sizeof(Fp) - 1) / sizeof(Fp);
  DeviceVector da = executor.allocate(fp_elems), db = executor.allocate(fp_elems);
  DeviceVector dout = executor.allocate(fp_elems);
  vk::Device& device = backend.device();
  const auto buffer = [](const DeviceVector& v) -> const vk::Buffer& {
    return static_cast<const vk::ResidentVector*>(v.storage())->buffer();
  };
  const VkDeviceSize bytes = n * sizeof(Fr);
  const std::array<vk::BufferRange, 2> in{vk::BufferRange{buffer(da).handle(), 0, bytes},
                                          vk::BufferRange{buffer(db).handle(), 0, bytes}};
  const vk::BufferRange out_range{buffer(dout).handle(), 0, bytes};
  {
    auto lock = device.lock();
    vk::write_resident(device, buffer(da), std::as_bytes(std::span(a)));
    vk::write_resident(device, buffer(db), std::as_bytes(std::span(b)));
  }
  for (Op op : kBinaryOps) {
    ctx.progress("resident", "fr_" + std::string(op_name(op)), n);
    const vk::Kernel& kernel =
        device.kernel(spirv::elementwise_kernel(op, device.settings().kernel, FieldId::Fr));
    const auto run = [&] {
      auto lock = device.lock();
      vk::run_resident(device, kernel, in, out_range, n, sizeof(Fr));
    };
    run();
    warm_up_for(kGpuWarmUpMs, 1, run);
    {
      auto lock = device.lock();
      std::fill(out.begin(), out.end(), Fr{});
      vk::write_resident(device, buffer(dout), std::as_bytes(std::span(out)));
    }
    std::vector<double> gpu_ms;
    const Timing t =
        measure(1, o.reps, run, [&] { gpu_ms.push_back(device.last_resident_gpu_ms); });
    {
      auto lock = device.lock();
      vk::read_resident(device, buffer(dout), std::as_writable_bytes(std::span(out)));
    }
    const bool ok = all_parts(n, [&](std::size_t begin, std::size_t end) {
      for (std::size_t i = begin; i < end; ++i) {
        if (!(out[i] == fr_apply(op, a[i], b[i]))) return false;
      }
      return true;
    });
    BenchResult r = make_result({"resident", "fr_" + std::string(op_name(op)), op}, n, t, ok);
    r.extra["kernel"] = executor.stats().kernel;
    r.extra["field"] = "fr";
    r.extra["gelem_per_s"] = t.median_ms > 0 ? n / (t.median_ms * 1e6) : 0.0;
    add_gpu_times(r, std::move(gpu_ms), n);
    results.push_back(std::move(r));
  }
}
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
  const bool fp = o.field != "fr", fr = o.field != "fp";
  for (std::size_t n : sizes) {
    if (fr) run_fr_rows(ctx, executor, backend, n, results);
    if (!fp) continue;
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
      warm_up_for(kGpuWarmUpMs, 1, [&] { executor.run(op, a, b, out); });
      out.write(zeros);  // a rep that wrote nothing cannot pass the check below
      std::vector<double> gpu_ms;
      const Timing t = measure(
          1, o.reps, [&] { executor.run(op, a, b, out); },
          [&] { gpu_ms.push_back(backend.device().last_resident_gpu_ms); });
      out.read(v.out);
      const bool ok = all_parts(n, [&](std::size_t begin, std::size_t end) {
        for (std::size_t i = begin; i < end; ++i) {
          if (!(v.out[i] == apply(op, v.a[i], v.b[i]))) return false;
        }
        return true;
      });
      BenchResult r = make_result({"resident", std::string(op_name(op)), op}, n, t, ok);
      r.extra["kernel"] = executor.stats().kernel;
      r.extra["gelem_per_s"] = t.median_ms > 0 ? n / (t.median_ms * 1e6) : 0.0;
      add_gpu_times(r, std::move(gpu_ms), n);
      results.push_back(std::move(r));
    }
  }
  return results;
}

}  // namespace gpuexec::cli
