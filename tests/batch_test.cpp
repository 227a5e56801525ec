// Batches, the async API and device-resident vectors, on the CPU backend and on Vulkan (under the
// validation layers, with and without the transfer-queue schedule).
#include <gtest/gtest.h>

#include <map>
#include <random>
#include <sstream>
#include <thread>

#include "gpuexec/error.hpp"
#include "gpuexec/executor.hpp"
#include "gpuexec/fp_samples.hpp"
#include "random_vectors.hpp"
#include "test_size.hpp"
#include "vulkan_fixture.hpp"

namespace gpuexec::test {
namespace {

// Backend, and whether the staging path runs on split queues (timeline semaphores).
struct Setup {
  std::string name;
  BackendKind backend;
  DataPath path;
  bool split;
};
void PrintTo(const Setup& s, std::ostream* os) {
  *os << s.name;
}

class Batches : public VulkanTest, public ::testing::WithParamInterface<Setup> {
 protected:
  void SetUp() override {
    VulkanTest::SetUp();
    if (GetParam().split) setenv("GPUEXEC_SPLIT_QUEUES", "1", 1);
    ExecutorOptions o;
    o.backend = GetParam().backend;
    o.vulkan.data_path = GetParam().path;
    o.vulkan.chunk_elems = 20000;  // several chunks for the larger jobs
    executor = std::make_unique<Executor>(o);
  }
  void TearDown() override {
    executor.reset();
    unsetenv("GPUEXEC_SPLIT_QUEUES");
    VulkanTest::TearDown();
  }
  std::unique_ptr<Executor> executor;
};

// A mixed batch: every op, sizes across buckets and chunks, an empty job, an aliased output.
struct MixedBatch {
  std::vector<std::vector<Fp>> a, b, out;
  std::vector<Job> jobs;
  explicit MixedBatch(std::size_t count, uint64_t seed) {
    const std::size_t sizes[] = {1, 64, 1000, 16384, 16385, 0, 45000, 3, 20000, 777};
    for (std::size_t i = 0; i < count; ++i) {
      const std::size_t n = sizes[i % std::size(sizes)];
      a.push_back(random_vector(n, seed + 3 * i));
      b.push_back(random_vector(n, seed + 3 * i + 1));
      out.emplace_back(n);
    }
    for (std::size_t i = 0; i < count; ++i) {
      const Op op = kBinaryOps[i % 3];
      // Job 7 writes over its own a (allowed: same job).
      std::span<Fp> o = i == 7 ? std::span<Fp>(a[i]) : std::span<Fp>(out[i]);
      jobs.push_back({op, a[i], b[i], o});
    }
  }
};

TEST_P(Batches, PipelinedIdenticalToSequentialAndToReference) {
  MixedBatch seq(30, 100), pipe(30, 100);
  const auto a7 = seq.a[7];
  executor->run_batch(seq.jobs, Schedule::Sequential);
  executor->run_batch(pipe.jobs, Schedule::Pipelined);
  for (std::size_t i = 0; i < seq.jobs.size(); ++i) {
    const Job& j = seq.jobs[i];
    ASSERT_EQ(std::vector<Fp>(j.out.begin(), j.out.end()),
              std::vector<Fp>(pipe.jobs[i].out.begin(), pipe.jobs[i].out.end()))
        << "job " << i;
    const auto& in_a = i == 7 ? a7 : seq.a[i];
    for (std::size_t k = 0; k < j.out.size(); ++k) {
      ASSERT_EQ(j.out[k], apply(j.op, in_a[k], seq.b[i][k])) << "job " << i << " element " << k;
    }
  }
}

TEST_P(Batches, OneJobAndHundreds) {
  MixedBatch one(1, 7);
  executor->run_batch(one.jobs);
  EXPECT_EQ(one.out[0][0], apply(one.jobs[0].op, one.a[0][0], one.b[0][0]));
  MixedBatch many(300, 9);
  executor->run_batch(many.jobs);
  for (std::size_t i = 0; i < many.jobs.size(); ++i) {
    if (i % 10 == 7 || many.out[i].empty()) continue;  // aliased ones checked above
    const std::size_t last = many.out[i].size() - 1;
    ASSERT_EQ(many.out[i][last], apply(many.jobs[i].op, many.a[i][last], many.b[i][last])) << i;
  }
}

TEST_P(Batches, DependentJobsNeedTheSequentialSchedule) {
  auto a = random_vector(100, 1), b = random_vector(100, 2);
  std::vector<Fp> t(100), out(100);
  std::vector<Job> chain = {{Op::Mul, a, b, t}, {Op::Add, t, a, out}};  // job 1 reads job 0
  try {
    executor->run_batch(chain, Schedule::Pipelined);
    FAIL() << "dependency not caught";
  } catch (const Error& e) {
    EXPECT_EQ(e.code(), ErrorCode::InvalidArgument);
    EXPECT_NE(std::string(e.what()).find("jobs 0 and 1"), std::string::npos) << e.what();
  }
  executor->run_batch(chain, Schedule::Sequential);
  for (std::size_t i = 0; i < 100; ++i) ASSERT_EQ(out[i], fp::add(fp::mul(a[i], b[i]), a[i]));
  std::vector<Fp> short_out(99);
  std::vector<Job> bad = {{Op::Add, a, b, out}, {Op::Add, a, b, short_out}};
  try {
    executor->run_batch(bad, Schedule::Sequential);
    FAIL() << "size mismatch not caught";
  } catch (const Error& e) {
    EXPECT_NE(std::string(e.what()).find("job 1"), std::string::npos) << e.what();
  }
}

TEST_P(Batches, EightThreadsFiftyJobsEach) {
  constexpr int kThreads = 8, kJobs = 50;
  std::vector<std::thread> threads;
  std::atomic<int> wrong{0};
  for (int t = 0; t < kThreads; ++t) {
    threads.emplace_back([&, t] {
      for (int j = 0; j < kJobs; ++j) {
        const std::size_t n = 1 + (t * 131 + j * 17) % 3000;
        const auto a = random_vector(n, t * 1000 + j), b = random_vector(n, t * 1000 + j + 500);
        std::vector<Fp> out(n);
        const Op op = kBinaryOps[(t + j) % 3];
        if (j % 2) {
          executor->submit({op, a, b, out}).get();  // async
        } else {
          executor->run(op, a, b, out);  // direct, concurrently with the others
        }
        for (std::size_t i = 0; i < n; ++i) wrong += !(out[i] == apply(op, a[i], b[i]));
      }
    });
  }
  for (auto& th : threads) th.join();
  EXPECT_EQ(wrong.load(), 0);
  EXPECT_EQ(executor->stats().jobs, uint64_t{kThreads * kJobs});
}

TEST_P(Batches, AsyncBatchesOverlapTheCallersWork) {
  MixedBatch first(12, 40), second(12, 50);
  auto f1 = executor->submit_batch(first.jobs);
  auto f2 = executor->submit_batch(second.jobs, Schedule::Sequential);
  f1.get();
  f2.get();
  EXPECT_EQ(first.out[2][999], apply(first.jobs[2].op, first.a[2][999], first.b[2][999]));
  // Errors come through the future.
  std::vector<Fp> x(3), y(4);
  auto bad = executor->submit({Op::Add, x, x, y});
  EXPECT_THROW(bad.get(), Error);
}

TEST_P(Batches, DeviceVectorsChainWithoutHostRoundTrips) {
  const std::size_t n = 50001;
  const auto a = random_vector(n, 1), b = random_vector(n, 2), c = random_vector(n, 3);
  DeviceVector da = executor->upload(a), db = executor->upload(b), dc = executor->upload(c);
  DeviceVector t = executor->allocate(n);
  executor->run(Op::Mul, da, db, t);  // t = a*b
  executor->run(Op::Add, t, dc, t);   // t = a*b + c, in place
  executor->run(Op::Sub, t, da, da);  // da = t - a, out aliases an input
  const auto result = t.to_host();
  const auto last = da.to_host();
  for (std::size_t i = 0; i < n; ++i) {
    const Fp want = fp::add(fp::mul(a[i], b[i]), c[i]);
    ASSERT_EQ(result[i], want) << i;
    ASSERT_EQ(last[i], fp::sub(want, a[i])) << i;
  }
  DeviceVector wrong_size = executor->allocate(n - 1);
  EXPECT_THROW(executor->run(Op::Add, da, db, wrong_size), Error);
  std::vector<Fp> small(3);
  EXPECT_THROW(da.write(small), Error);
  EXPECT_THROW(da.read(small), Error);
  Executor other(ExecutorOptions{BackendKind::Cpu});
  DeviceVector foreign = other.allocate(n);
  EXPECT_THROW(executor->run(Op::Add, da, foreign, t), Error);
}

INSTANTIATE_TEST_SUITE_P(
    Backends, Batches,
    ::testing::Values(Setup{"Cpu", BackendKind::Cpu, DataPath::Auto, false},
                      Setup{"VulkanHostVisible", BackendKind::Vulkan, DataPath::HostVisible, false},
                      Setup{"VulkanDeviceLocal", BackendKind::Vulkan, DataPath::DeviceLocal, false},
                      Setup{"VulkanDeviceLocalSplitQueues", BackendKind::Vulkan,
                            DataPath::DeviceLocal, true}),
    [](const auto& info) { return info.param.name; });

class ResidentVectors : public VulkanTest {};

// Empty device vectors upload and read back as nothing, on both data paths.
TEST_F(ResidentVectors, EmptyVectorsAndBatchesMoveNothing) {
  for (DataPath path : {DataPath::HostVisible, DataPath::DeviceLocal}) {
    ExecutorOptions o{BackendKind::Vulkan};
    o.vulkan.data_path = path;
    Executor executor(o);
    DeviceVector v = executor.upload(std::vector<Fp>{});
    EXPECT_TRUE(v.to_host().empty());
    DeviceVector w = executor.upload(std::vector<Fr>{});
    EXPECT_TRUE(w.to_host_fr().empty());
  }
}

// Writes and reads move through staging in 8 MiB pieces, two in flight: 2.5 pieces each way
// arrive whole and in place (every element compared), and an op between them sees the data.
TEST_F(ResidentVectors, StagedInPiecesBothWays) {
  Executor executor(ExecutorOptions{BackendKind::Vulkan});
  const std::size_t n = (std::size_t{20} << 20) / sizeof(Fp) + 7;
  const auto a = random_vector(n, 11), b = random_vector(n, 12);
  DeviceVector da = executor.upload(a), db = executor.upload(b), out = executor.allocate(n);
  ASSERT_EQ(da.to_host(), a);
  executor.run(Op::Sub, da, db, out);
  const auto r = out.to_host();
  ASSERT_EQ(r.size(), n);
  for (std::size_t i = 0; i < n; ++i) ASSERT_EQ(r[i], fp::sub(a[i], b[i])) << i;
}

// GPUEXEC_PROFILE=1 traces the split-queue schedule: one line for the job's busy period, each
// phase's submissions with their host times (submitted-signalled), one per chunk, each signalled
// after it was submitted and after the phase before it.
TEST_F(ResidentVectors, QueueTraceShowsEachChunksPhases) {
  setenv("GPUEXEC_PROFILE", "1", 1);
  setenv("GPUEXEC_SPLIT_QUEUES", "1", 1);
  ExecutorOptions o{BackendKind::Vulkan};
  o.vulkan.data_path = DataPath::DeviceLocal;
  o.vulkan.chunk_elems = 20000;
  auto executor = std::make_unique<Executor>(o);
  const auto a = random_vector(45000, 1), b = random_vector(45000, 2);  // three chunks
  std::vector<Fp> out(a.size());
  ::testing::internal::CaptureStderr();
  executor->run(Op::Mul, a, b, out);
  executor.reset();  // ends the trace's period: its line is out
  const std::string err = ::testing::internal::GetCapturedStderr();
  unsetenv("GPUEXEC_PROFILE");
  unsetenv("GPUEXEC_SPLIT_QUEUES");
  EXPECT_EQ(out[44999], fp::mul(a[44999], b[44999]));
  const std::size_t at = err.find("gpuexec profile: queues busy");
  ASSERT_NE(at, std::string::npos) << err;
  std::istringstream line(err.substr(at, err.find('\n', at) - at));
  std::map<std::string, std::vector<std::pair<double, double>>> phases;
  std::string word, phase;
  while (line >> word) {
    if (word.back() == ';') word.pop_back();
    if (word == "upload" || word == "compute" || word == "readback") {
      phase = word;
    } else if (!phase.empty()) {
      const std::size_t dash = word.find('-');
      ASSERT_NE(dash, std::string::npos) << word;
      phases[phase].emplace_back(std::stod(word.substr(0, dash)), std::stod(word.substr(dash + 1)));
    }
  }
  ASSERT_EQ(phases.size(), 3u) << err;
  for (const auto& [name, events] : phases) {
    ASSERT_EQ(events.size(), 3u) << name << ": " << err;
    for (const auto& [submitted, signalled] : events) EXPECT_LE(submitted, signalled) << name;
  }
  for (std::size_t k = 0; k < 3; ++k) {
    EXPECT_LE(phases["upload"][k].second, phases["compute"][k].second) << k;
    EXPECT_LE(phases["compute"][k].second, phases["readback"][k].second) << k;
  }
}

TEST_F(ResidentVectors, BeyondOneBindingAndOutlivingTheExecutor) {
  GPUEXEC_SKIP_IF_SMALL();
  auto executor = std::make_unique<Executor>(ExecutorOptions{BackendKind::Vulkan});
  // More than maxStorageBufferRange (128 MiB) per vector on lavapipe: chunked dispatches.
  const std::size_t n = (std::size_t{128} << 20) / sizeof(Fp) + 1000;
  const auto a = random_vector(n, 4);
  DeviceVector da = executor->upload(a);
  DeviceVector out = executor->allocate(n);
  executor->run(Op::Add, da, da, out);
  const auto r = out.to_host();
  for (std::size_t i = 0; i < n; i += 997) ASSERT_EQ(r[i], fp::add(a[i], a[i])) << i;
  ASSERT_EQ(r[n - 1], fp::add(a[n - 1], a[n - 1]));
  EXPECT_EQ(executor->stats().resident_ops, 1u);
  executor.reset();  // the vectors keep their device alive
  EXPECT_EQ(da.to_host()[n - 1], a[n - 1]);
}

}  // namespace
}  // namespace gpuexec::test
