// Host allocation failure: this binary replaces operator new so that the k-th allocation after
// arming throws std::bad_alloc, and sweeps k over every allocation a job makes. Each failure must
// surface as bad_alloc or Error(OutOfMemory) (GPUEXEC_ERR_OUT_OF_MEMORY through the C ABI), never
// crash or hang, and the next job must run exactly. Allocations are counted on the calling thread
// (the async tests count submission only). The Vulkan sweeps run without the validation layers:
// the layer is C++ and cannot survive its own allocations failing.
#include <gtest/gtest.h>

#include <algorithm>
#include <cstdlib>
#include <new>

#include "expectations.hpp"
#include "gpuexec/error.hpp"
#include "gpuexec/executor.hpp"
#include "gpuexec/gpuexec.h"
#include "random_vectors.hpp"
#include "vulkan/persistent_backend.hpp"

// Under ASan, allocations made inside the sanitizer's runtime come from its own operator new and
// may be freed through ours: both are malloc underneath, so the mismatch check is off here.
extern "C" __attribute__((used)) const char* __asan_default_options() {
  return "alloc_dealloc_mismatch=0";
}

// Counted on the test's own thread only: the driver's threads (lavapipe compiles shader variants
// with LLVM on its queue thread) cannot survive operator new throwing.
namespace {
thread_local long countdown = -1;  // allocations left before the failing one; -1: disarmed
thread_local long failures = 0;
}  // namespace

void* operator new(std::size_t size) {
  if (countdown >= 0 && countdown-- == 0) {
    ++failures;
    throw std::bad_alloc();
  }
  if (void* p = std::malloc(size ? size : 1)) return p;
  throw std::bad_alloc();
}
// GCC cannot see that these pair with the malloc above.
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wmismatched-new-delete"
void operator delete(void* p) noexcept {
  std::free(p);
}
void operator delete(void* p, std::size_t) noexcept {
  std::free(p);
}
#pragma GCC diagnostic pop

namespace gpuexec::test {
namespace {

constexpr long kMaxSweep = 5000;  // no job here makes this many allocations

// Runs `job` with the k-th allocation failing, for k = 0, 1, ... until a run makes fewer than k
// allocations. A failed run must have had an allocation fail; a run that succeeds (a failure the
// library absorbed, such as a buffer it could not keep for reuse) must pass `check`. After each,
// the job runs again with allocation working and must pass `check`. Returns the points swept.
template <class Job, class Check>
long sweep(Job job, Check check) {
  long k = 0;
  for (; k < kMaxSweep; ++k) {
    const long before = failures;
    countdown = k;
    bool failed = false;
    try {
      job();
    } catch (const std::bad_alloc&) {
      failed = true;
    } catch (const Error& e) {
      EXPECT_EQ(e.code(), ErrorCode::OutOfMemory) << "k=" << k << ": " << e.what();
      failed = true;
    }
    countdown = -1;
    const bool injected = failures != before;
    if (failed) {
      EXPECT_TRUE(injected) << "k=" << k << ": failed with no allocation failing";
    }
    if (!failed) check();
    job();
    check();
    if (!injected) break;  // the whole job ran with fewer than k allocations
  }
  EXPECT_LT(k, kMaxSweep);
  return k;
}

class HostOom : public ::testing::TestWithParam<BackendKind> {
 protected:
  // A fresh executor; on Vulkan its kernels are compiled before anything is armed, because the
  // driver's shader compiler (LLVM in lavapipe) cannot survive operator new throwing.
  std::unique_ptr<Executor> make_executor() {
    ExecutorOptions o;
    o.backend = GetParam();
    o.vulkan.chunk_elems = 16384;  // several chunks in flight
    if (GetParam() == BackendKind::Cpu) return std::make_unique<Executor>(o);
    o.vulkan.warm_up = true;
    auto backend = std::make_unique<vk::PersistentBackend>(o, "");
    backend->device().wait_for_warm_up();
    return std::make_unique<Executor>(std::move(backend));
  }
  const std::size_t n = 40000;
  const std::vector<Fp> a = random_vector(n, 1), b = random_vector(n, 2);
  const std::vector<Fp> want = reference(Op::Mul, a, b);
};

TEST_P(HostOom, JobsFailCleanlyAtEveryAllocation) {
  for (bool cold : {true, false}) {  // a first job (slots, buffers, memory made) and a warm one
    std::unique_ptr<Executor> ex = make_executor();
    std::vector<Fp> out(n);  // cleared after each check, so that a stale result cannot pass
    const long points = sweep([&] { ex->run(Op::Mul, a, b, out); },
                              [&] {
                                EXPECT_TRUE(out == want);
                                std::fill(out.begin(), out.end(), Fp{});
                                if (cold) ex = make_executor();
                              });
    RecordProperty(cold ? "failure_points_cold" : "failure_points_warm", points);
  }
}

TEST_P(HostOom, BatchesFailCleanlyAtEveryAllocation) {
  std::unique_ptr<Executor> executor = make_executor();
  Executor& ex = *executor;
  std::vector<std::vector<Fp>> outs(3, std::vector<Fp>(n));
  std::vector<Job> jobs;
  for (auto& out : outs) jobs.push_back({Op::Mul, a, b, out});
  for (Schedule schedule : {Schedule::Pipelined, Schedule::Sequential}) {
    sweep([&] { ex.run_batch(jobs, schedule); },
          [&] {
            for (auto& out : outs) {
              EXPECT_TRUE(out == want);
              std::fill(out.begin(), out.end(), Fp{});
            }
          });
  }
}

TEST_P(HostOom, AsyncJobsFailThroughSubmitOrTheirFuture) {
  std::unique_ptr<Executor> executor = make_executor();
  Executor& ex = *executor;
  std::vector<Fp> out(n);
  sweep(
      [&] {
        ex.submit({Op::Mul, a, b, out}).get();
      },
      [&] {
        EXPECT_TRUE(out == want);
        std::fill(out.begin(), out.end(), Fp{});
      });
}

TEST_P(HostOom, DeviceVectorsFailCleanly) {
  if (GetParam() == BackendKind::Cpu) GTEST_SKIP() << "the CPU backend has host vectors only";
  std::unique_ptr<Executor> executor = make_executor();
  Executor& ex = *executor;
  std::vector<Fp> got(n);
  sweep(
      [&] {
        DeviceVector da = ex.upload(a), db = ex.upload(b);
        ex.run(Op::Mul, da, db, db);
        db.read(got);
      },
      [&] {
        EXPECT_TRUE(got == want);
        std::fill(got.begin(), got.end(), Fp{});
      });
}

TEST_P(HostOom, CApiReportsOutOfMemory) {
  gpuexec_executor* ex = nullptr;
  const gpuexec_backend kind =
      GetParam() == BackendKind::Cpu ? GPUEXEC_BACKEND_CPU : GPUEXEC_BACKEND_VULKAN;
  ASSERT_EQ(gpuexec_executor_create(kind, -1, &ex), GPUEXEC_OK) << gpuexec_last_error();
  std::vector<Fp> out(n);
  const auto vec_op = [&] {
    return gpuexec_fp_vec_op(ex, GPUEXEC_OP_MUL, a[0].limbs.data(), b[0].limbs.data(),
                             out[0].limbs.data(), n);
  };
  sweep(
      [&] {
        const gpuexec_status s = vec_op();
        if (s == GPUEXEC_ERR_OUT_OF_MEMORY) throw std::bad_alloc();
        EXPECT_EQ(s, GPUEXEC_OK) << gpuexec_last_error();
      },
      [&] {
        EXPECT_TRUE(out == want);
        std::fill(out.begin(), out.end(), Fp{});
      });
  gpuexec_executor_destroy(ex);
}

INSTANTIATE_TEST_SUITE_P(Backends, HostOom,
                         ::testing::Values(BackendKind::Cpu, BackendKind::Vulkan),
                         [](const auto& info) {
                           return info.param == BackendKind::Cpu ? "Cpu" : "Vulkan";
                         });

}  // namespace
}  // namespace gpuexec::test
