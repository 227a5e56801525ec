// Faults injected where a failing driver reports them (vulkan/fault_injector.hpp): device loss at a
// queue submission, device and host memory exhaustion at an allocation. Each must fail the job
// with a clear error, write nothing into its output, and leave the executor able to run the next
// job exactly, all under the validation layers.
#include <gtest/gtest.h>

#include <filesystem>
#include <memory>

#include "cli_harness.hpp"
#include "expectations.hpp"
#include "gpuexec/error.hpp"
#include "gpuexec/executor.hpp"
#include "gpuexec/gpuexec.h"
#include "random_vectors.hpp"
#include "vulkan/fault_injector.hpp"
#include "vulkan/persistent_backend.hpp"
#include "vulkan_fixture.hpp"

namespace gpuexec::test {
namespace {

TEST(FaultPlan, ParsesEveryKindAndRejectsGarbage) {
  const vk::FaultPlan lost = vk::parse_fault_plan("device-lost:3", "X");
  EXPECT_EQ(lost.kind, vk::FaultKind::DeviceLost);
  EXPECT_EQ(lost.at, 3u);
  EXPECT_EQ(vk::parse_fault_plan("device-oom:1", "X").kind, vk::FaultKind::DeviceOutOfMemory);
  EXPECT_EQ(vk::parse_fault_plan("host-oom:7", "X").kind, vk::FaultKind::HostOutOfMemory);
  for (const char* bad : {"", "device-lost", "device-lost:", "device-lost:0", "device-lost:-1",
                          "device-lost:3x", "lost:1", "device-lost:99999999999999999999999"}) {
    expect_error([&] { vk::parse_fault_plan(bad, "GPUEXEC_INJECT_FAULT"); },
                 ErrorCode::InvalidArgument, "GPUEXEC_INJECT_FAULT: expected device-lost:N");
  }
}

// One executor on the default device, its injector within reach.
class VulkanFaults : public VulkanTest, public ::testing::WithParamInterface<DataPath> {
 protected:
  VulkanFaults() { executor = std::make_unique<Executor>(make_backend()); }
  std::unique_ptr<vk::PersistentBackend> make_backend() {
    ExecutorOptions o = vk::on_device(-1);
    o.vulkan.data_path = GetParam();
    o.vulkan.chunk_elems = 16384;  // many chunks in flight, so that faults land mid-stream
    auto backend = std::make_unique<vk::PersistentBackend>(o, "");
    persistent = backend.get();
    return backend;
  }
  void arm(vk::FaultKind kind, uint64_t at) {
    persistent->logical_device().faults().arm({kind, at});
  }
  // Runs a job that must succeed and be exact.
  void expect_exact_job(Op op, std::size_t n, uint64_t seed) {
    const auto a = random_vector(n, seed), b = random_vector(n, seed + 1);
    std::vector<Fp> out(n);
    executor->run(op, a, b, out);
    EXPECT_TRUE(out == reference(op, a, b));
  }

  vk::PersistentBackend* persistent = nullptr;
  std::unique_ptr<Executor> executor;
  const std::size_t n = 100000;  // 7 chunks
  const std::vector<Fp> a = random_vector(n, 11), b = random_vector(n, 12);
};

TEST_P(VulkanFaults, DeviceLostFailsTheJobAndTheNextJobReopensTheDevice) {
  for (uint64_t at : {1, 4}) {  // the first submission, and one with chunks in flight
    arm(vk::FaultKind::DeviceLost, at);
    std::vector<Fp> out(n, fp::kOne);
    expect_error([&] { executor->run(Op::Mul, a, b, out); }, ErrorCode::DeviceLost,
                 "VK_ERROR_DEVICE_LOST");
    if (at == 1) {
      EXPECT_TRUE(out == std::vector<Fp>(n, fp::kOne)) << "nothing ran, nothing written";
    }
    expect_exact_job(Op::Mul, n, 20 + at);
    expect_exact_job(Op::Add, 100, 30 + at);
  }
  EXPECT_EQ(executor->stats().device_reopens, 2u);
}

TEST_P(VulkanFaults, DeviceLostMidBatchFailsTheBatchOnly) {
  std::vector<std::vector<Fp>> outs(6, std::vector<Fp>(n));
  std::vector<Job> jobs;
  for (int j = 0; j < 6; ++j) jobs.push_back({Op::Mul, a, b, outs[j]});
  for (Schedule schedule : {Schedule::Pipelined, Schedule::Sequential}) {
    arm(vk::FaultKind::DeviceLost, 10);
    expect_error([&] { executor->run_batch(jobs, schedule); }, ErrorCode::DeviceLost,
                 "reopens the device");
    executor->run_batch(jobs, schedule);
    for (const auto& out : outs) EXPECT_TRUE(out == reference(Op::Mul, a, b));
  }
}

TEST_P(VulkanFaults, DeviceLostFailsAsyncJobsThroughTheirFutures) {
  arm(vk::FaultKind::DeviceLost, 1);
  std::vector<Fp> out(n);
  auto failed = executor->submit({Op::Sub, a, b, out});
  expect_error([&] { failed.get(); }, ErrorCode::DeviceLost, "VK_ERROR_DEVICE_LOST");
  executor->submit({Op::Sub, a, b, out}).get();
  EXPECT_TRUE(out == reference(Op::Sub, a, b));
}

TEST_P(VulkanFaults, DeviceVectorsOfALostDeviceSayTheyAreLost) {
  DeviceVector da = executor->upload(a), db = executor->upload(b);
  DeviceVector dc = executor->allocate(n);
  arm(vk::FaultKind::DeviceLost, 1);
  expect_error([&] { executor->run(Op::Mul, da, db, dc); }, ErrorCode::DeviceLost,
               "VK_ERROR_DEVICE_LOST");
  expect_error([&] { da.to_host(); }, ErrorCode::DeviceLost, "was lost with device");
  // New vectors live on the reopened device; the old ones cannot be mixed in.
  DeviceVector fresh_a = executor->upload(a), fresh_b = executor->upload(b);
  expect_error([&] { executor->run(Op::Mul, fresh_a, db, fresh_b); }, ErrorCode::DeviceLost,
               "was lost with device");
  executor->run(Op::Mul, fresh_a, fresh_b, fresh_b);
  EXPECT_TRUE(fresh_b.to_host() == reference(Op::Mul, a, b));
}

TEST_P(VulkanFaults, MemoryExhaustionFailsTheJobAndLeavesTheExecutorUsable) {
  for (auto [kind, says] : {std::pair{vk::FaultKind::DeviceOutOfMemory, "OUT_OF_DEVICE_MEMORY"},
                            std::pair{vk::FaultKind::HostOutOfMemory, "OUT_OF_HOST_MEMORY"}}) {
    // Fresh executors hold no memory, so the first job needs an allocation.
    executor = std::make_unique<Executor>(make_backend());
    arm(kind, 1);
    std::vector<Fp> out(n, fp::kOne);
    expect_error([&] { executor->run(Op::Add, a, b, out); }, ErrorCode::OutOfMemory, says);
    EXPECT_TRUE(out == std::vector<Fp>(n, fp::kOne));
    persistent->logical_device().faults().disarm();  // memory freed elsewhere
    expect_exact_job(Op::Add, n, 41);
    // Exhausted again with memory held: what needs more fails (a 96 MiB vector needs a block of
    // its own; the pool gives back its idle buffers and retries first), what fits still runs.
    arm(kind, 1);
    expect_error([&] { executor->upload(random_vector(2 << 20, 43)); }, ErrorCode::OutOfMemory,
                 says);
    expect_exact_job(Op::Mul, 3000, 42);
    persistent->logical_device().faults().disarm();
  }
  EXPECT_EQ(executor->stats().device_reopens, 0u) << "running out of memory is not device loss";
}

INSTANTIATE_TEST_SUITE_P(Paths, VulkanFaults,
                         ::testing::Values(DataPath::HostVisible, DataPath::DeviceLocal),
                         [](const auto& info) {
                           return info.param == DataPath::HostVisible ? "HostVisible"
                                                                      : "DeviceLocal";
                         });

// The split-queue schedule (copies on their own submissions, ordered by timeline semaphores).
using VulkanFaultsSplitQueues = VulkanTest;
TEST_F(VulkanFaultsSplitQueues, DeviceLostMidStreamThenExact) {
  ::setenv("GPUEXEC_SPLIT_QUEUES", "1", 1);
  ExecutorOptions o = vk::on_device(-1);
  o.vulkan.data_path = DataPath::DeviceLocal;
  o.vulkan.chunk_elems = 16384;
  auto backend = std::make_unique<vk::PersistentBackend>(o, "");
  ::unsetenv("GPUEXEC_SPLIT_QUEUES");
  ASSERT_TRUE(backend->device().queues().split());
  vk::PersistentBackend* persistent = backend.get();
  Executor executor(std::move(backend));
  const std::size_t n = 100000;
  const auto a = random_vector(n, 1), b = random_vector(n, 2);
  std::vector<Fp> out(n);
  for (uint64_t at : {1, 2, 3, 7}) {  // upload, compute, readback, later chunk
    persistent->logical_device().faults().arm({vk::FaultKind::DeviceLost, at});
    expect_error([&] { executor.run(Op::Mul, a, b, out); }, ErrorCode::DeviceLost,
                 "VK_ERROR_DEVICE_LOST");
    executor.run(Op::Mul, a, b, out);
    EXPECT_TRUE(out == reference(Op::Mul, a, b)) << at;
  }
}

// The C ABI reports the loss by status and message, and the next call runs.
using VulkanFaultsCApi = VulkanTest;
TEST_F(VulkanFaultsCApi, DeviceLostIsAStatusAndTheNextCallRuns) {
  ::setenv("GPUEXEC_INJECT_FAULT", "device-lost:1", 1);
  gpuexec_executor* ex = nullptr;
  const gpuexec_status created = gpuexec_executor_create(GPUEXEC_BACKEND_VULKAN, -1, &ex);
  ::unsetenv("GPUEXEC_INJECT_FAULT");
  ASSERT_EQ(created, GPUEXEC_OK) << gpuexec_last_error();
  const std::size_t n = 5000;
  const auto a = random_vector(n, 5), b = random_vector(n, 6);
  std::vector<Fp> out(n);
  EXPECT_EQ(gpuexec_fp_vec_op(ex, GPUEXEC_OP_ADD, a[0].limbs.data(), b[0].limbs.data(),
                              out[0].limbs.data(), n),
            GPUEXEC_ERR_DEVICE_LOST);
  EXPECT_NE(std::string(gpuexec_last_error()).find("VK_ERROR_DEVICE_LOST"), std::string::npos);
  EXPECT_EQ(gpuexec_fp_vec_op(ex, GPUEXEC_OP_ADD, a[0].limbs.data(), b[0].limbs.data(),
                              out[0].limbs.data(), n),
            GPUEXEC_OK)
      << gpuexec_last_error();
  EXPECT_TRUE(out == reference(Op::Add, a, b));
  gpuexec_executor_destroy(ex);
}

// From the command line: exit 1 with one line naming the fault, the old output kept; a malformed
// GPUEXEC_INJECT_FAULT is bad input (exit 2).
TEST(VulkanFaultsCli, DeviceLostKeepsTheOldOutput) {
  if (!std::filesystem::exists(GPUEXEC_CLI)) GTEST_SKIP() << "no CLI here (a GPU host)";
  ScratchDir dir;
  write_bytes(dir.path("a.hex"), "1\n2\n3\n");
  write_bytes(dir.path("c.hex"), "precious\n");
  const std::vector<std::string> args = {"run",
                                         "--op",
                                         "mul",
                                         "--a",
                                         dir.file("a.hex"),
                                         "--b",
                                         dir.file("a.hex"),
                                         "--out",
                                         dir.file("c.hex"),
                                         "--backend",
                                         "vulkan"};
  CliResult r = run_cli(args, {"GPUEXEC_INJECT_FAULT=device-lost:1", "GPUEXEC_VALIDATION=1"});
  EXPECT_EQ(r.exit_code, 1);
  EXPECT_EQ(line_count(r.err), 1) << r.err;
  EXPECT_NE(r.err.find("VK_ERROR_DEVICE_LOST"), std::string::npos) << r.err;
  EXPECT_EQ(read_bytes(dir.path("c.hex")), "precious\n");
  r = run_cli(args, {"GPUEXEC_INJECT_FAULT=device-lost:soon"});
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_EQ(line_count(r.err), 1) << r.err;
  EXPECT_NE(r.err.find("GPUEXEC_INJECT_FAULT"), std::string::npos) << r.err;
  EXPECT_EQ(read_bytes(dir.path("c.hex")), "precious\n");
}

}  // namespace
}  // namespace gpuexec::test
