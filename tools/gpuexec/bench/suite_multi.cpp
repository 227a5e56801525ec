// The batch suite over 1 .. N devices: one pipelined batch of equal jobs, its jobs planned across
// the first k devices of the list, for every k. The list is --devices, else GPUEXEC_DEVICES, else
// every usable device; an index may repeat (lavapipe's one device opened twice).
#include <fmt/format.h>

#include "bench/suites.hpp"
#include "bench/timing.hpp"
#include "multi/device_list.hpp"
#include "multi/multi_device_backend.hpp"

namespace gpuexec::cli {

namespace {
// --devices, else GPUEXEC_DEVICES, else (or for "all") every usable device.
std::vector<int> bench_devices(const BenchOptions& o) {
  if (!o.devices.empty()) {
    const auto listed = multi::parse_device_list(o.devices, "--devices");
    return listed ? *listed : multi::usable_devices();
  }
  const std::vector<int> list = multi::resolve_device_list(ExecutorOptions{});
  return list.empty() ? multi::usable_devices() : list;
}
}  // namespace

std::vector<BenchResult> run_multi_suite(BenchContext& ctx) {
  const BenchOptions& o = ctx.options();
  const std::vector<int> list = bench_devices(o);
  std::vector<std::size_t> sizes = o.sizes, job_counts = o.jobs;
  if (sizes.empty()) {
    sizes = o.quick ? std::vector<std::size_t>{65536} : std::vector<std::size_t>{262144, 1 << 20};
  }
  if (job_counts.empty()) {
    job_counts = o.quick ? std::vector<std::size_t>{4} : std::vector<std::size_t>{8, 16};
  }
  std::vector<BenchResult> results;
  for (std::size_t k = 1; k <= list.size(); ++k) {
    const std::vector<int> devices(list.begin(), list.begin() + k);
    multi::MultiDeviceBackend backend(vk::on_device(devices.front()), devices);
    ctx.note_device(backend.device(0).device_info());
    for (std::size_t n : sizes) {
      for (std::size_t count : job_counts) {
        BenchBatch batch(o.op, count, n, 7000);
        ctx.progress("multi", fmt::format("{} devices x{}", k, count), n);
        // Warm-up: pipelines, slots, and the speeds the plan is made from.
        for (int w = 0; w < 3; ++w) backend.run_batch(batch.jobs, Schedule::Pipelined);
        batch.clear();
        bool verified = true;
        const Timing t = measure(
            0, o.reps, [&] { backend.run_batch(batch.jobs, Schedule::Pipelined); },
            [&] {
              verified = verified && batch.verify(o.op);
              batch.clear();
            });
        BenchResult r =
            make_result({"multi", fmt::format("{} devices", k), o.op, count}, n, t, verified);
        r.extra["devices"] = devices;
        nlohmann::json shares = nlohmann::json::array();
        for (const DeviceShare& d : backend.stats().devices) {
          shares.push_back({{"index", d.index},
                            {"jobs", d.jobs},
                            {"elements", d.elements},
                            {"elements_per_second", d.elements_per_second}});
        }
        r.extra["device_shares"] = shares;
        results.push_back(std::move(r));
      }
    }
  }
  return results;
}

}  // namespace gpuexec::cli
