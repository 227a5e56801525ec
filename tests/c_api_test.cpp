// The C ABI from C++: statuses, messages and ownership for every entry point.
#include <gtest/gtest.h>

#include <cstring>
#include <random>
#include <string>
#include <thread>

#include "gpuexec/fp_samples.hpp"
#include "gpuexec/gpuexec.h"
#include "gpuexec/op.hpp"
#include "random_vectors.hpp"
#include "vulkan_fixture.hpp"

namespace gpuexec::test {
namespace {

const uint64_t* limbs(const std::vector<Fp>& v) {
  return v[0].limbs.data();
}
uint64_t* limbs(std::vector<Fp>& v) {
  return v[0].limbs.data();
}

class CApi : public VulkanTest, public ::testing::WithParamInterface<gpuexec_backend> {
 protected:
  void SetUp() override {
    VulkanTest::SetUp();
    ASSERT_EQ(gpuexec_executor_create(GetParam(), -1, &ex), GPUEXEC_OK) << gpuexec_last_error();
  }
  void TearDown() override {
    gpuexec_executor_destroy(ex);
    VulkanTest::TearDown();
  }
  gpuexec_executor* ex = nullptr;
};

TEST_P(CApi, VecOpsMatchTheReference) {
  const std::size_t n = 3000;
  const auto a = random_vector(n, 1), b = random_vector(n, 2);
  for (gpuexec_op op : {GPUEXEC_OP_ADD, GPUEXEC_OP_SUB, GPUEXEC_OP_MUL}) {
    std::vector<Fp> out(n);
    ASSERT_EQ(gpuexec_fp_vec_op(ex, op, limbs(a), limbs(b), limbs(out), n), GPUEXEC_OK);
    for (std::size_t i = 0; i < n; ++i) ASSERT_EQ(out[i], apply(static_cast<Op>(op), a[i], b[i]));
  }
}

TEST_P(CApi, BatchesAndTickets) {
  const std::size_t n = 500;
  auto a = random_vector(n, 3), b = random_vector(n, 4);
  std::vector<Fp> o1(n), o2(n);
  gpuexec_job jobs[2] = {{GPUEXEC_OP_MUL, limbs(a), limbs(b), limbs(o1), n},
                         {GPUEXEC_OP_SUB, limbs(a), limbs(b), limbs(o2), n}};
  ASSERT_EQ(gpuexec_run_batch(ex, jobs, 2, GPUEXEC_SCHEDULE_PIPELINED), GPUEXEC_OK);
  EXPECT_EQ(o1[7], fp::mul(a[7], b[7]));
  EXPECT_EQ(o2[7], fp::sub(a[7], b[7]));
  gpuexec_ticket* t = nullptr;
  ASSERT_EQ(gpuexec_submit_batch(ex, jobs, 2, GPUEXEC_SCHEDULE_SEQUENTIAL, &t), GPUEXEC_OK);
  EXPECT_EQ(gpuexec_ticket_wait(t), GPUEXEC_OK);
  EXPECT_EQ(gpuexec_ticket_wait(t), GPUEXEC_OK);  // waiting twice is fine
  gpuexec_ticket_destroy(t);
  // A dependent pipelined batch fails up front, naming both jobs.
  gpuexec_job chain[2] = {{GPUEXEC_OP_MUL, limbs(a), limbs(b), limbs(o1), n},
                          {GPUEXEC_OP_ADD, limbs(o1), limbs(b), limbs(o2), n}};
  EXPECT_EQ(gpuexec_run_batch(ex, chain, 2, GPUEXEC_SCHEDULE_PIPELINED),
            GPUEXEC_ERR_INVALID_ARGUMENT);
  EXPECT_NE(std::string(gpuexec_last_error()).find("jobs 0 and 1"), std::string::npos);
  EXPECT_EQ(gpuexec_run_batch(ex, nullptr, 2, GPUEXEC_SCHEDULE_PIPELINED),
            GPUEXEC_ERR_INVALID_ARGUMENT);
  EXPECT_EQ(gpuexec_run_batch(ex, jobs, 2, static_cast<gpuexec_schedule>(9)),
            GPUEXEC_ERR_INVALID_ARGUMENT);
  gpuexec_job bad = {GPUEXEC_OP_ADD, nullptr, limbs(b), limbs(o1), n};
  EXPECT_EQ(gpuexec_submit(ex, &bad, &t), GPUEXEC_ERR_INVALID_ARGUMENT);
  EXPECT_EQ(t, nullptr);
  EXPECT_NE(std::string(gpuexec_last_error()).find("job 0: a is NULL"), std::string::npos);
}

TEST_P(CApi, DeviceVectors) {
  const std::size_t n = 777;
  auto a = random_vector(n, 5);
  gpuexec_device_vector *v = nullptr, *w = nullptr;
  ASSERT_EQ(gpuexec_device_vector_upload(ex, limbs(a), n, &v), GPUEXEC_OK);
  ASSERT_EQ(gpuexec_device_vector_create(ex, n, &w), GPUEXEC_OK);
  EXPECT_EQ(gpuexec_device_vector_size(w), n);
  ASSERT_EQ(gpuexec_fp_vec_op_device(ex, GPUEXEC_OP_MUL, v, v, w), GPUEXEC_OK);
  std::vector<Fp> out(n);
  ASSERT_EQ(gpuexec_device_vector_read(w, limbs(out), n), GPUEXEC_OK);
  EXPECT_EQ(out[n - 1], fp::sqr(a[n - 1]));
  EXPECT_EQ(gpuexec_device_vector_read(w, limbs(out), n - 1), GPUEXEC_ERR_INVALID_ARGUMENT);
  EXPECT_EQ(gpuexec_device_vector_write(w, nullptr, n), GPUEXEC_ERR_INVALID_ARGUMENT);
  EXPECT_EQ(gpuexec_fp_vec_op_device(ex, GPUEXEC_OP_MUL, v, nullptr, w),
            GPUEXEC_ERR_INVALID_ARGUMENT);
  gpuexec_device_vector_destroy(v);
  gpuexec_device_vector_destroy(w);
  gpuexec_device_vector_destroy(nullptr);
}

TEST_P(CApi, BadArgumentsNeverCrash) {
  auto a = random_vector(4, 6);
  std::vector<Fp> out(4);
  EXPECT_EQ(gpuexec_fp_vec_op(ex, GPUEXEC_OP_ADD, limbs(a), nullptr, limbs(out), 4),
            GPUEXEC_ERR_INVALID_ARGUMENT);
  EXPECT_STREQ(gpuexec_last_error(), "gpuexec_fp_vec_op: b is NULL");
  EXPECT_EQ(gpuexec_fp_vec_op(ex, GPUEXEC_OP_ADD, limbs(a), limbs(a), limbs(out), SIZE_MAX / 40),
            GPUEXEC_ERR_INVALID_ARGUMENT);
  a[2].limbs = fp::kModulus;  // exactly p: not reduced
  EXPECT_EQ(gpuexec_fp_vec_op(ex, GPUEXEC_OP_ADD, limbs(a), limbs(a), limbs(out), 4),
            GPUEXEC_ERR_NON_CANONICAL);
  EXPECT_NE(std::string(gpuexec_last_error()).find("a[2]"), std::string::npos);
  EXPECT_EQ(gpuexec_fp_from_be_bytes(nullptr, nullptr), GPUEXEC_ERR_INVALID_ARGUMENT);
  gpuexec_fp_to_be_bytes(nullptr, nullptr);  // a no-op, not a crash
  EXPECT_EQ(gpuexec_ticket_wait(nullptr), GPUEXEC_ERR_INVALID_ARGUMENT);
  EXPECT_EQ(gpuexec_ticket_ready(nullptr), 0);
  gpuexec_ticket_destroy(nullptr);
  EXPECT_STREQ(gpuexec_executor_backend_name(nullptr), "");
  gpuexec_executor* other = nullptr;
  EXPECT_EQ(gpuexec_executor_create(static_cast<gpuexec_backend>(5), -1, &other),
            GPUEXEC_ERR_INVALID_ARGUMENT);
  EXPECT_EQ(gpuexec_executor_create(GPUEXEC_BACKEND_CPU, -3, &other), GPUEXEC_ERR_INVALID_ARGUMENT);
  EXPECT_EQ(gpuexec_executor_create(GPUEXEC_BACKEND_CPU, -1, nullptr),
            GPUEXEC_ERR_INVALID_ARGUMENT);
}

INSTANTIATE_TEST_SUITE_P(Backends, CApi,
                         ::testing::Values(GPUEXEC_BACKEND_CPU, GPUEXEC_BACKEND_VULKAN),
                         [](const auto& info) {
                           return info.param == GPUEXEC_BACKEND_CPU ? "Cpu" : "Vulkan";
                         });

TEST(CApiErrors, LastErrorIsPerThreadAndNeverNull) {
  EXPECT_NE(gpuexec_last_error(), nullptr);
  uint8_t all_ones[48];
  std::memset(all_ones, 0xff, sizeof all_ones);
  uint64_t out[6];
  EXPECT_EQ(gpuexec_fp_from_be_bytes(all_ones, out), GPUEXEC_ERR_NON_CANONICAL);
  const std::string mine = gpuexec_last_error();
  std::string theirs = "unset";
  std::thread([&] { theirs = gpuexec_last_error(); }).join();
  EXPECT_FALSE(mine.empty());
  EXPECT_EQ(theirs, "");
}

}  // namespace
}  // namespace gpuexec::test
