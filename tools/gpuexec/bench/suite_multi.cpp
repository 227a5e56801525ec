// The batch suite over 1 .. N devices: one pipelined batch of equal jobs, its jobs planned across
// the first k devices of the list, for every k; a batch of as many NTTs of the same size (host
// arrays, split into one group per device); and one MSM with its bases split over the devices.
// The list is --devices, else GPUEXEC_DEVICES, else every usable device; an index may repeat
// (lavapipe's one device opened twice). Every result is checked against the CPU backend's.
#include <fmt/format.h>

#include <bit>
#include <map>
#include <optional>
#include <random>

#include "bench/suites.hpp"
#include "bench/timing.hpp"
#include "gpuexec/executor.hpp"
#include "gpuexec/fr_samples.hpp"
#include "gpuexec/g1_samples.hpp"
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

void add_shares(BenchResult& r, const std::vector<int>& devices, const ExecutorStats& stats) {
  r.extra["devices"] = devices;
  nlohmann::json shares = nlohmann::json::array();
  for (const DeviceShare& d : stats.devices) {
    shares.push_back({{"index", d.index},
                      {"jobs", d.jobs},
                      {"elements", d.elements},
                      {"elements_per_second", d.elements_per_second}});
  }
  r.extra["device_shares"] = shares;
}

// Inputs and the CPU backend's results, made once for every device count.
struct NttCase {
  std::vector<Fr> x, want;  // `count` vectors of n back to back
};
NttCase make_ntt_case(Executor& cpu, std::size_t n, std::size_t count) {
  std::mt19937_64 rng(n + count);
  NttCase c;
  c.x.resize(n * count);
  for (Fr& v : c.x) v = fr_random(rng);
  c.want = c.x;
  cpu.ntt(c.want, NttOptions{.batch = count});
  return c;
}
struct MsmCase {
  std::vector<G1Affine> points;
  std::vector<Scalar> scalars;
  G1Jacobian want;
};
MsmCase make_msm_case(Executor& cpu, std::size_t n) {
  std::mt19937_64 rng(n);
  MsmCase c{g1_random_points(n, n), std::vector<Scalar>(n), {}};
  for (Scalar& s : c.scalars) s = random_scalar(rng);
  cpu.msm(cpu.upload_bases(c.points), c.scalars, std::span(&c.want, 1));
  return c;
}

// A batch of `count` forward NTTs of n elements on host arrays.
BenchResult ntt_batch_row(BenchContext& ctx, Executor& gpu, std::size_t k, std::size_t n,
                          std::size_t count, const NttCase& c) {
  const NttOptions options{.batch = count};
  std::vector<Fr> work = c.x;
  ctx.progress("multi", fmt::format("{} devices ntt x{}", k, count), n);
  warm_up_for(kGpuWarmUpMs, 1, [&] { gpu.ntt(work, options); });
  work = c.x;
  bool ok = true;
  const Timing t = measure(
      0, ctx.options().reps, [&] { gpu.ntt(work, options); },
      [&] {
        ok = ok && work == c.want;
        work = c.x;
      });
  BenchResult r = make_result({"multi", fmt::format("{} devices ntt", k)}, n, t, ok);
  r.op_label = "ntt";
  r.jobs = count;
  return r;
}

// One MSM, its bases split over the devices.
BenchResult msm_row(BenchContext& ctx, Executor& gpu, std::size_t k, const MsmCase& c) {
  const std::size_t n = c.points.size();
  ctx.progress("multi", fmt::format("{} devices msm", k), n);
  const MsmBases bases = gpu.upload_bases(c.points);
  G1Jacobian got;
  const auto run = [&] { gpu.msm(bases, c.scalars, std::span(&got, 1)); };
  warm_up_for(kGpuWarmUpMs, 1, run);
  bool ok = true;
  const Timing t = measure(0, ctx.options().reps, run, [&] { ok = ok && g1::equal(got, c.want); });
  BenchResult r = make_result({"multi", fmt::format("{} devices msm", k)}, n, t, ok);
  r.op_label = "msm";
  return r;
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
  const std::size_t msm_points = o.msm_points ? o.msm_points : o.quick ? 1 << 14 : 1 << 22;
  Executor cpu(ExecutorOptions{.backend = BackendKind::Cpu});
  std::map<std::pair<std::size_t, std::size_t>, NttCase> ntt_cases;  // by (n, count)
  std::optional<MsmCase> msm_case;
  std::vector<BenchResult> results;
  for (std::size_t k = 1; k <= list.size(); ++k) {
    const std::vector<int> devices(list.begin(), list.begin() + k);
    auto owned =
        std::make_unique<multi::MultiDeviceBackend>(vk::on_device(devices.front()), devices);
    multi::MultiDeviceBackend& backend = *owned;
    Executor gpu(std::move(owned));
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
        add_shares(r, devices, backend.stats());
        results.push_back(std::move(r));
      }
      if (!std::has_single_bit(n)) continue;  // NTTs are of powers of two
      for (std::size_t count : job_counts) {
        auto it = ntt_cases.find({n, count});
        if (it == ntt_cases.end()) {
          it = ntt_cases.emplace(std::pair{n, count}, make_ntt_case(cpu, n, count)).first;
        }
        BenchResult r = ntt_batch_row(ctx, gpu, k, n, count, it->second);
        add_shares(r, devices, gpu.stats());
        results.push_back(std::move(r));
      }
    }
    if (!msm_case) msm_case = make_msm_case(cpu, msm_points);
    BenchResult r = msm_row(ctx, gpu, k, *msm_case);
    add_shares(r, devices, gpu.stats());
    results.push_back(std::move(r));
  }
  return results;
}

}  // namespace gpuexec::cli
