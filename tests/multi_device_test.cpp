// Multi-device executors on lavapipe: its one physical device opened several times stands in for
// several GPUs. Results must be identical to a single device's, in the caller's order; a device
// that fails mid-batch has its jobs retried on the others (or reported when they cannot be); the
// plan follows measured speed. All under the validation layers.
#include <gtest/gtest.h>

#include <algorithm>
#include <cstdlib>

#include "expectations.hpp"
#include "g1_samples.hpp"
#include "gpuexec/error.hpp"
#include "gpuexec/executor.hpp"
#include "multi/device_list.hpp"
#include "multi/job_plan.hpp"
#include "multi/multi_device_backend.hpp"
#include "random_vectors.hpp"
#include "vulkan_fixture.hpp"

namespace gpuexec::test {
namespace {

std::size_t total(const std::vector<std::size_t>& sizes, const std::vector<std::size_t>& jobs) {
  std::size_t n = 0;
  for (std::size_t j : jobs) n += sizes[j];
  return n;
}

TEST(JobPlan, EveryJobOnceAndLoadFollowsSpeed) {
  std::vector<std::size_t> sizes;
  for (int i = 0; i < 40; ++i) sizes.push_back(1000 + 37 * i);
  const std::vector<double> speeds = {3.0, 1.0};
  const auto plan = multi::plan_jobs(sizes, speeds);
  std::vector<int> seen(sizes.size(), 0);
  for (const auto& jobs : plan) {
    EXPECT_TRUE(std::is_sorted(jobs.begin(), jobs.end()));
    for (std::size_t j : jobs) ++seen[j];
  }
  EXPECT_EQ(seen, std::vector<int>(sizes.size(), 1));
  // Finish times within one job of each other: 3:1 work for a 3:1 speed ratio.
  const double t0 = total(sizes, plan[0]) / 3.0, t1 = total(sizes, plan[1]) / 1.0;
  EXPECT_NEAR(t0, t1, 2500.0);
  EXPECT_GT(total(sizes, plan[0]), 2 * total(sizes, plan[1]));
}

TEST(JobPlan, ExcludedAndBusyDevices) {
  const std::vector<std::size_t> sizes = {5, 5, 5, 5};
  const auto without_first = multi::plan_jobs(sizes, std::vector<double>{0.0, 1.0});
  EXPECT_TRUE(without_first[0].empty());
  EXPECT_EQ(without_first[1].size(), 4u);
  // The first device is busy for longer than all four jobs take on the second.
  const auto busy =
      multi::plan_jobs(sizes, std::vector<double>{1.0, 1.0}, std::vector<double>{100.0, 0.0});
  EXPECT_TRUE(busy[0].empty());
  EXPECT_THROW(multi::plan_jobs(sizes, std::vector<double>{0.0, 0.0}), Error);
}

TEST(JobPlan, SplitRangeCoversEverythingBySpeed) {
  const auto starts = multi::split_range(1000, std::vector<double>{1.0, 3.0});
  EXPECT_EQ(starts, (std::vector<std::size_t>{0, 250, 1000}));
  const auto tiny = multi::split_range(1, std::vector<double>{1.0, 1.0, 1.0});
  EXPECT_EQ(tiny.front(), 0u);
  EXPECT_EQ(tiny.back(), 1u);
}

TEST(DeviceList, ParsesIndicesAndAllAndRejectsGarbage) {
  EXPECT_EQ(*multi::parse_device_list("0,1,0", "X"), (std::vector<int>{0, 1, 0}));
  EXPECT_FALSE(multi::parse_device_list("all", "X").has_value());
  for (const char* bad : {"", ",", "0,", "a", "0;1", "-1", "1,,2", "0x1"}) {
    expect_error([&] { multi::parse_device_list(bad, "GPUEXEC_DEVICES"); },
                 ErrorCode::InvalidArgument, "GPUEXEC_DEVICES=");
  }
}

class MultiDevice : public VulkanTest {
 protected:
  // Lavapipe's one device, opened `count` times.
  std::unique_ptr<multi::MultiDeviceBackend> make(std::size_t count, DataPath path) {
    ExecutorOptions o = vk::on_device(0);
    o.vulkan.data_path = path;
    o.vulkan.chunk_elems = 16384;
    return std::make_unique<multi::MultiDeviceBackend>(o, std::vector<int>(count, 0));
  }
};

// Mixed sizes and ops, pipelined and sequential, both data paths: identical to one device.
TEST_F(MultiDevice, BatchesMatchASingleDeviceExactly) {
  const std::vector<std::size_t> sizes = {1, 100, 16384, 70000, 3, 40000, 16385, 0, 9000, 200000};
  std::vector<std::vector<Fp>> as, bs;
  for (std::size_t j = 0; j < sizes.size(); ++j) {
    as.push_back(random_vector(sizes[j], 10 + j));
    bs.push_back(random_vector(sizes[j], 50 + j));
  }
  for (DataPath path : {DataPath::HostVisible, DataPath::DeviceLocal}) {
    Executor single(make(1, path)), multi(make(3, path));
    for (Schedule schedule : {Schedule::Pipelined, Schedule::Sequential}) {
      std::vector<std::vector<Fp>> one(sizes.size()), many(sizes.size());
      std::vector<Job> jobs_one, jobs_many;
      for (std::size_t j = 0; j < sizes.size(); ++j) {
        one[j].resize(sizes[j]);
        many[j].resize(sizes[j]);
        const Op op = static_cast<Op>(j % 3);
        jobs_one.push_back({op, as[j], bs[j], one[j]});
        jobs_many.push_back({op, as[j], bs[j], many[j]});
      }
      single.run_batch(jobs_one, schedule);
      multi.run_batch(jobs_many, schedule);
      for (std::size_t j = 0; j < sizes.size(); ++j) {
        EXPECT_TRUE(many[j] == one[j]) << "job " << j;
        EXPECT_TRUE(many[j] == reference(static_cast<Op>(j % 3), as[j], bs[j])) << "job " << j;
      }
    }
    const ExecutorStats s = multi.stats();
    ASSERT_EQ(s.devices.size(), 3u);
    for (const DeviceShare& d : s.devices) EXPECT_GT(d.jobs, 0u) << "every device took jobs";
    EXPECT_EQ(s.devices[0].jobs + s.devices[1].jobs + s.devices[2].jobs, 2 * 9u)
        << "the pipelined batch's 9 jobs with elements, and the sequential batch's 9";
  }
}

// A job of 2^21 + 5 elements splits into one range per device; in place too.
TEST_F(MultiDevice, LargeJobsSplitAcrossDevices) {
  Executor multi(make(2, DataPath::Auto));
  const std::size_t n = (1 << 21) + 5;
  auto a = random_vector(n, 1);
  const auto b = random_vector(n, 2);
  const auto want = reference(Op::Mul, a, b);
  std::vector<Fp> out(n);
  multi.run(Op::Mul, a, b, out);
  EXPECT_TRUE(out == want);
  multi.run(Op::Mul, a, b, a);  // out aliases a
  EXPECT_TRUE(a == want);
  const ExecutorStats s = multi.stats();
  EXPECT_EQ(s.devices[0].jobs, 2u);
  EXPECT_EQ(s.devices[1].jobs, 2u);
  EXPECT_GT(s.devices[0].elements_per_second, 0.0);
}

// The import path (the caller's arrays imported into each device, no staging): exact on every
// device, through the copy engine and bound to the kernels.
TEST_F(MultiDevice, ImportedBatchesMatchTheReference) {
  for (HostImport mode : {HostImport::Copy, HostImport::Bind}) {
    ExecutorOptions o = vk::on_device(0);
    o.vulkan.host_import = mode;
    Executor multi(std::make_unique<multi::MultiDeviceBackend>(o, std::vector<int>{0, 0}));
    const std::size_t n = 100000;
    std::vector<std::vector<Fp>> as, outs(6, std::vector<Fp>(n));
    std::vector<Job> jobs;
    for (std::size_t j = 0; j < 6; ++j) as.push_back(random_vector(n, 300 + j));
    for (std::size_t j = 0; j < 6; ++j) jobs.push_back({Op::Mul, as[j], as[(j + 1) % 6], outs[j]});
    multi.run_batch(jobs);
    for (std::size_t j = 0; j < 6; ++j) {
      EXPECT_TRUE(outs[j] == reference(Op::Mul, as[j], as[(j + 1) % 6])) << "job " << j;
    }
    const ExecutorStats s = multi.stats();
    EXPECT_GT(s.devices[0].jobs, 0u);
    EXPECT_GT(s.devices[1].jobs, 0u);
    EXPECT_EQ(s.imported_jobs, 6u) << "every job imported, on both devices";
  }
}

// Device 1 is lost at its first submission: its jobs run on the others, nothing is lost, and the
// device is reopened for the next batch.
TEST_F(MultiDevice, AFailingDeviceHasItsJobsRetriedElsewhere) {
  auto backend = make(3, DataPath::HostVisible);
  multi::MultiDeviceBackend* devices = backend.get();
  Executor multi(std::move(backend));
  const std::size_t n = 30000;
  std::vector<std::vector<Fp>> as, outs(9, std::vector<Fp>(n));
  std::vector<Job> jobs;
  for (std::size_t j = 0; j < 9; ++j) as.push_back(random_vector(n, 100 + j));
  for (std::size_t j = 0; j < 9; ++j) jobs.push_back({Op::Mul, as[j], as[(j + 1) % 9], outs[j]});
  devices->device(1).logical_device().faults().arm({vk::FaultKind::DeviceLost, 1});
  multi.run_batch(jobs);
  for (std::size_t j = 0; j < 9; ++j) {
    EXPECT_TRUE(outs[j] == reference(Op::Mul, as[j], as[(j + 1) % 9])) << "job " << j;
  }
  ExecutorStats s = multi.stats();
  EXPECT_EQ(s.devices[1].failures, 1u);
  EXPECT_EQ(s.devices[1].jobs, 0u);
  EXPECT_EQ(s.devices[0].jobs + s.devices[2].jobs, 9u);
  // The next batch finds device 1 reopened and uses it again.
  multi.run_batch(jobs);
  s = multi.stats();
  EXPECT_GT(s.devices[1].jobs, 0u);
  EXPECT_EQ(s.device_reopens, 1u);
}

// Every device failing is one clear error naming each; jobs writing over their own inputs on a
// failed device are reported by index, not retried.
TEST_F(MultiDevice, FailuresThatCannotBeRetriedAreReported) {
  auto backend = make(2, DataPath::HostVisible);
  multi::MultiDeviceBackend* devices = backend.get();
  Executor multi(std::move(backend));
  const std::size_t n = 30000;
  auto a = random_vector(n, 1), b = random_vector(n, 2);
  std::vector<Fp> out(n);
  for (std::size_t d = 0; d < 2; ++d) {
    devices->device(d).logical_device().faults().arm({vk::FaultKind::DeviceLost, 1});
  }
  expect_error([&] { multi.run(Op::Add, a, b, out); }, ErrorCode::DeviceLost,
               "every device failed: device 0 (slot ");
  // Both devices are reopened by the next batch.
  std::vector<Fp> c = random_vector(n, 3), c_before = c, d_out(n);
  const std::vector<Job> jobs = {{Op::Add, c, b, c}, {Op::Add, a, b, d_out}};
  multi.run_batch(jobs);
  EXPECT_TRUE(c == reference(Op::Add, c_before, b));
  EXPECT_TRUE(d_out == reference(Op::Add, a, b));
  EXPECT_EQ(multi.stats().device_reopens, 2u);
  c = c_before;
  std::fill(d_out.begin(), d_out.end(), Fp{});
  // In place on the device that fails: reported, and the other job still runs.
  bool reported = false;
  for (int attempt = 0; attempt < 2 && !reported; ++attempt) {
    // Whichever device the in-place job lands on fails.
    const std::size_t victim = attempt;
    devices->device(victim).logical_device().faults().arm({vk::FaultKind::DeviceLost, 1});
    try {
      multi.run_batch(jobs);
    } catch (const Error& e) {
      EXPECT_EQ(e.code(), ErrorCode::DeviceLost);
      EXPECT_NE(std::string(e.what()).find("jobs 0 write over their own inputs"), std::string::npos)
          << e.what();
      reported = true;
    }
    devices->device(victim).logical_device().faults().disarm();
    c = c_before;
  }
  EXPECT_TRUE(reported);
  EXPECT_TRUE(d_out == reference(Op::Add, a, b));
}

// A batch of NTTs is split into groups of vectors, one group per device: forward, inverse and on
// a coset, identical to the CPU's. A single transform stays on the first device.
TEST_F(MultiDevice, NttBatchesSpreadOverTheDevices) {
  Executor cpu(ExecutorOptions{.backend = BackendKind::Cpu});
  auto backend = make(3, DataPath::Auto);
  Executor multi(std::move(backend));
  const unsigned log_n = 10;
  const std::size_t batch = 7, len = std::size_t{1} << log_n;
  const std::vector<Fr> x = random_fr(batch * len, 5);
  const Fr coset = random_fr(1, 6)[0];
  for (const NttOptions& options :
       {NttOptions{.batch = batch}, NttOptions{.inverse = true, .batch = batch},
        NttOptions{.coset = coset, .batch = batch}}) {
    std::vector<Fr> want = x, got = x;
    cpu.ntt(want, options);
    multi.ntt(got, options);
    EXPECT_TRUE(got == want) << "inverse " << options.inverse;
  }
  std::vector<Fr> one(x.begin(), x.begin() + len), want = one;
  cpu.ntt(want);
  multi.ntt(one);
  EXPECT_TRUE(one == want);
  const ExecutorStats s = multi.stats();
  EXPECT_EQ(s.devices[0].jobs, 4u) << "three batches' parts and the single transform";
  for (std::size_t d = 1; d < 3; ++d) {
    EXPECT_EQ(s.devices[d].jobs, 3u) << "device " << d;
  }
  EXPECT_EQ(s.devices[0].elements + s.devices[1].elements + s.devices[2].elements,
            3 * batch * len + len);
}

// Bases of kSplitPoints or more are split into one range per device and an MSM adds the ranges'
// sums: identical to the CPU's for one MSM and a batch of two, with precomputed copies too.
// Smaller bases stay whole on the first device.
TEST_F(MultiDevice, MsmSplitsItsBasesOverTheDevices) {
  Executor cpu(ExecutorOptions{.backend = BackendKind::Cpu});
  auto backend = make(2, DataPath::Auto);
  Executor multi(std::move(backend));
  std::mt19937_64 rng(11);
  const std::size_t n = multi::MultiDeviceBackend::kSplitPoints + 3;
  const std::vector<G1Affine> points = random_points(n, rng);
  std::vector<Scalar> scalars(2 * n);
  for (Scalar& k : scalars) k = random_scalar(rng);
  std::vector<G1Jacobian> want(2), got(2);
  cpu.msm(cpu.upload_bases(points), scalars, want);
  for (unsigned precompute : {1u, 3u}) {
    const MsmBases bases = multi.upload_bases(points, {.precompute = precompute});
    multi.msm(bases, scalars, got);
    EXPECT_TRUE(g1::equal(got[0], want[0]) && g1::equal(got[1], want[1])) << precompute;
    multi.msm(bases, std::span(scalars).first(n), std::span(got).first(1));
    EXPECT_TRUE(g1::equal(got[0], want[0])) << precompute;
  }
  ExecutorStats s = multi.stats();
  EXPECT_EQ(s.devices[0].jobs, 4u);
  EXPECT_EQ(s.devices[1].jobs, 4u);
  EXPECT_EQ(s.devices[0].elements + s.devices[1].elements, 2 * 3 * n);

  const std::span<const G1Affine> few = std::span(points).first(100);
  G1Jacobian small;
  multi.msm(multi.upload_bases(few), std::span(scalars).first(100), std::span(&small, 1));
  EXPECT_TRUE(g1::equal(small, naive_msm(few, std::span(scalars).first(100))));
  s = multi.stats();
  EXPECT_EQ(s.devices[0].jobs, 5u);
  EXPECT_EQ(s.devices[1].jobs, 4u) << "100 points stay on the first device";
}

// GPUEXEC_DEVICES: a list opens a multi-device executor, "all" every usable device (on
// lavapipe one, so the usual backend), and a bad list is a clear error.
TEST_F(MultiDevice, ExecutorsOpenSeveralDevicesFromTheEnvironment) {
  ::setenv("GPUEXEC_DEVICES", "0,0", 1);
  ExecutorOptions o;
  o.backend = BackendKind::Vulkan;
  Executor two(o);
  ::setenv("GPUEXEC_DEVICES", "all", 1);
  Executor all(o);
  ::setenv("GPUEXEC_DEVICES", "0,zero", 1);
  expect_error([&] { Executor bad(o); }, ErrorCode::InvalidArgument, "GPUEXEC_DEVICES=0,zero");
  ::setenv("GPUEXEC_DEVICES", "0,7", 1);
  expect_error([&] { Executor bad(o); }, ErrorCode::InvalidArgument, "no such Vulkan device");
  ::unsetenv("GPUEXEC_DEVICES");
  EXPECT_EQ(two.stats().devices.size(), 2u);
  EXPECT_NE(two.backend_name().find("multi-device (2 devices)"), std::string::npos);
  EXPECT_TRUE(all.stats().devices.empty()) << "lavapipe alone: one device, the usual backend";
  const auto a = random_vector(5000, 1);
  std::vector<Fp> out(5000);
  two.run(Op::Sub, a, a, out);
  EXPECT_TRUE(out == std::vector<Fp>(5000));
}

}  // namespace
}  // namespace gpuexec::test
