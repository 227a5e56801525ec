// Partly overlapping outputs are rejected by every entry point, C++ and C alike; exact aliasing
// (out == an input) and inputs overlapping each other stay allowed. CPU backend: the check sits
// in the executor, before any backend.
#include <gtest/gtest.h>

#include <string>

#include "gpuexec/error.hpp"
#include "gpuexec/executor.hpp"
#include "gpuexec/fp_samples.hpp"
#include "gpuexec/gpuexec.h"
#include "random_vectors.hpp"

namespace gpuexec {
namespace {

using test::random_vector;

constexpr std::size_t kN = 1000;

// Expects f to throw InvalidArgument saying which input out overlaps.
template <typename F>
void expect_overlap(F&& f, const std::string& what) {
  try {
    f();
    ADD_FAILURE() << "no error for " << what;
  } catch (const Error& e) {
    EXPECT_EQ(e.code(), ErrorCode::InvalidArgument);
    EXPECT_NE(std::string(e.what()).find(what), std::string::npos) << e.what();
  }
}

class CpuBackendOverlap : public ::testing::Test {
 protected:
  // buf holds 2 * kN elements: spans into it overlap in controlled ways.
  std::vector<Fp> buf = random_vector(2 * kN, 7);
  std::vector<Fp> other = random_vector(kN, 8);
  std::span<Fp> at(std::size_t start) { return std::span(buf).subspan(start, kN); }
  Executor ex{ExecutorOptions{BackendKind::Cpu, -1}};
};

TEST_F(CpuBackendOverlap, ShiftedOutIsRejectedForEveryInput) {
  const std::vector<Fp> before = buf;
  expect_overlap([&] { ex.run(Op::Add, at(0), other, at(1)); }, "out overlaps a partially");
  expect_overlap([&] { ex.run(Op::Mul, at(kN - 1), other, at(0)); }, "out overlaps a partially");
  expect_overlap([&] { ex.run(Op::Sub, other, at(5), at(0)); }, "out overlaps b partially");
  expect_overlap([&] { ex.mad(other, other, at(3), at(0)); }, "out overlaps c partially");
  EXPECT_EQ(buf, before);  // rejected before anything was written
}

TEST_F(CpuBackendOverlap, ExactAliasingAdjacentRangesAndOverlappingInputsRun) {
  const std::vector<Fp> a(at(0).begin(), at(0).end());
  ex.run(Op::Add, at(0), other, at(0));  // out == a
  for (std::size_t i = 0; i < kN; ++i) ASSERT_EQ(buf[i], fp::add(a[i], other[i])) << i;
  const std::vector<Fp> snapshot = buf;
  std::vector<Fp> out(kN);
  ex.run(Op::Mul, at(0), at(1), out);  // inputs overlap each other
  for (std::size_t i = 0; i < kN; ++i)
    ASSERT_EQ(out[i], fp::mul(snapshot[i], snapshot[i + 1])) << i;
  ex.run(Op::Sub, at(0), other, at(kN));  // out starts right where a ends
  for (std::size_t i = 0; i < kN; ++i) ASSERT_EQ(buf[kN + i], fp::sub(snapshot[i], other[i])) << i;
  // c is read by mad only: for add it may lie anywhere.
  Job job{Op::Add, other, other, at(0), at(1)};
  ex.run(job);
}

TEST_F(CpuBackendOverlap, BatchesAndSubmitNameTheJob) {
  std::vector<Fp> o(kN);
  const std::vector<Job> jobs = {{Op::Add, other, other, o}, {Op::Sub, at(0), other, at(2)}};
  for (Schedule s : {Schedule::Sequential, Schedule::Pipelined}) {
    expect_overlap([&] { ex.run_batch(jobs, s); }, "job 1: out overlaps a partially");
  }
  auto f = ex.submit(jobs[1]);
  expect_overlap([&] { f.get(); }, "out overlaps a partially");
  auto g = ex.submit_batch(jobs, Schedule::Sequential);
  expect_overlap([&] { g.get(); }, "job 1: out overlaps a partially");
}

TEST_F(CpuBackendOverlap, TheCAbiAppliesTheSameRule) {
  gpuexec_executor* c = nullptr;
  ASSERT_EQ(gpuexec_executor_create(GPUEXEC_BACKEND_CPU, -1, &c), GPUEXEC_OK);
  const uint64_t* o = other[0].limbs.data();
  auto p = [&](std::size_t i) { return buf[i].limbs.data(); };
  auto says = [](const char* what) {
    return std::string(gpuexec_last_error()).find(what) != std::string::npos;
  };
  EXPECT_EQ(gpuexec_fp_vec_op(c, GPUEXEC_OP_ADD, p(0), o, p(1), kN), GPUEXEC_ERR_INVALID_ARGUMENT);
  EXPECT_TRUE(says("out overlaps a partially")) << gpuexec_last_error();
  EXPECT_EQ(gpuexec_fp_vec_mad(c, o, o, p(1), p(0), kN), GPUEXEC_ERR_INVALID_ARGUMENT);
  EXPECT_TRUE(says("out overlaps c partially")) << gpuexec_last_error();
  gpuexec_job jobs[2] = {{GPUEXEC_OP_MUL, o, o, p(kN), kN}, {GPUEXEC_OP_SUB, o, p(9), p(0), kN}};
  EXPECT_EQ(gpuexec_run_batch(c, jobs, 2, GPUEXEC_SCHEDULE_SEQUENTIAL),
            GPUEXEC_ERR_INVALID_ARGUMENT);
  EXPECT_TRUE(says("job 1: out overlaps b partially")) << gpuexec_last_error();
  gpuexec_ticket* t = nullptr;
  ASSERT_EQ(gpuexec_submit(c, &jobs[1], &t), GPUEXEC_OK);
  EXPECT_EQ(gpuexec_ticket_wait(t), GPUEXEC_ERR_INVALID_ARGUMENT);
  EXPECT_TRUE(says("out overlaps b partially")) << gpuexec_last_error();
  gpuexec_ticket_destroy(t);
  // Exact aliasing still runs.
  const Fp first = buf[0];
  EXPECT_EQ(gpuexec_fp_vec_op(c, GPUEXEC_OP_MUL, p(0), p(0), p(0), kN), GPUEXEC_OK);
  EXPECT_EQ(buf[0], fp::sqr(first));
  gpuexec_executor_destroy(c);
}

}  // namespace
}  // namespace gpuexec
