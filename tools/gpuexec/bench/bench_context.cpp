#include "bench/bench_context.hpp"

#include <algorithm>
#include <thread>

#include "bench/timing.hpp"
#include "vulkan/device_info.hpp"

namespace gpuexec::cli {

vk::PersistentBackend& BenchContext::persistent() {
  if (!persistent_) {
    persistent_ = std::make_unique<vk::PersistentBackend>(vk::on_device(options_.device));
    note_device(persistent_->device_info());
  }
  return *persistent_;
}

void BenchContext::note_device(const vk::DeviceInfo& info) {
  if (!device_) device_ = std::make_unique<vk::DeviceInfo>(info);
}

nlohmann::json BenchContext::device_json() const {
  if (!device_) {
    return {{"name", "cpu"},
            {"type", "cpu"},
            {"driver", "gpuexec cpu backend"},
            {"threads", std::thread::hardware_concurrency()}};
  }
  const vk::DeviceInfo& d = *device_;
  return {{"name", d.name},
          {"type", vk::device_type_name(d.type)},
          {"driver", d.driver_name + " " + d.driver_info},
          {"driver_version", vk::driver_version_string(d)},
          {"api", vk::version_string(d.api_version)},
          {"vendor_id", d.vendor_id},
          {"device_id", d.device_id}};
}

BenchResult measure_variant(BenchContext& ctx, const VariantSpec& spec, BenchVectors& v,
                            const std::function<void()>& run) {
  ctx.progress(spec.suite, spec.variant, v.a.size());
  for (int i = 0; i < spec.warmup; ++i) run();
  // Cleared outside the timed region, so every timed rep must write its whole result anew.
  auto clear = [&] { std::fill(v.out.begin(), v.out.end(), Fp{}); };
  clear();
  bool verified = true;
  const Timing t = measure(0, spec.reps, run, [&] {
    verified = verified && v.verify(spec.op);
    clear();
  });
  return make_result(spec, v.a.size(), t, verified);
}

BenchResult make_result(const VariantSpec& spec, std::size_t elements, const Timing& t,
                        bool verified) {
  BenchResult r;
  r.suite = spec.suite;
  r.variant = spec.variant;
  r.op = spec.op;
  r.elements = elements;
  r.jobs = spec.jobs;
  r.median_ms = t.median_ms;
  r.min_ms = t.min_ms;
  r.max_ms = t.max_ms;
  r.reps = t.reps;
  r.verified = verified;
  return r;
}

}  // namespace gpuexec::cli
