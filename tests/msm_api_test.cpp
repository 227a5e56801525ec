// Executor::msm on the CPU backend: shared and per-MSM points, resident bases reused, async,
// the point check, and every size rule.
#include <gtest/gtest.h>

#include "g1_samples.hpp"
#include "gpuexec/error.hpp"
#include "gpuexec/executor.hpp"
#include "gpuexec/gpuexec.h"

namespace gpuexec::test {
namespace {

Executor& cpu() {
  static Executor ex(ExecutorOptions{.backend = BackendKind::Cpu});
  return ex;
}

TEST(MsmApi, SharedAndPerMsmPointsAndResidentBases) {
  std::mt19937_64 rng(7);
  const std::size_t n = 40, batch = 3;
  const auto points = random_points(batch * n, rng);
  std::vector<Scalar> scalars(batch * n);
  for (auto& s : scalars) s = random_scalar(rng);
  const std::span<const G1Affine> first(points.data(), n);

  std::vector<G1Jacobian> shared(batch), own(batch), resident(batch), async(batch);
  cpu().msm(first, scalars, shared);
  cpu().msm(points, scalars, own);
  const MsmBases bases = cpu().upload_bases(first);
  EXPECT_EQ(bases.size(), n);
  cpu().msm(bases, scalars, resident);
  cpu().submit_msm(bases, scalars, async).get();
  for (std::size_t j = 0; j < batch; ++j) {
    const std::span<const Scalar> s(scalars.data() + j * n, n);
    const G1Jacobian want_shared = naive_msm(first, s);
    EXPECT_TRUE(g1::equal(shared[j], want_shared)) << j;
    EXPECT_TRUE(g1::equal(resident[j], want_shared)) << j;
    EXPECT_TRUE(g1::equal(async[j], want_shared)) << j;
    EXPECT_TRUE(g1::equal(own[j], naive_msm({points.data() + j * n, n}, s))) << j;
  }
}

TEST(MsmApi, SizesPointsAndOwnersAreChecked) {
  std::mt19937_64 rng(8);
  const auto points = random_points(10, rng);
  std::vector<Scalar> scalars(15);
  std::vector<G1Jacobian> out(2);
  EXPECT_THROW(cpu().msm(points, scalars, out), Error);  // 15 is neither 2 * 10 nor 10
  std::vector<G1Jacobian> none;
  EXPECT_THROW(cpu().msm(points, std::span(scalars).first(10), none), Error);
  Executor other(ExecutorOptions{.backend = BackendKind::Cpu});
  const MsmBases foreign = other.upload_bases(points);
  EXPECT_THROW(cpu().msm(foreign, std::span(scalars).first(10), std::span(out).first(1)), Error);

  // No points: every result is infinity.
  std::vector<G1Jacobian> empty_out(2, G1Jacobian{g1::generator().x, g1::generator().y, fp::kOne});
  cpu().msm(std::span<const G1Affine>{}, std::span<const Scalar>{}, empty_out);
  for (const auto& r : empty_out) EXPECT_TRUE(g1::is_infinity(r));

  // check_points: the first point off the curve or outside G1, by index.
  std::vector<G1Affine> bad = points;
  EXPECT_NO_THROW(check_points(bad, "p"));
  bad[4].y = fp::add(bad[4].y, fp::kOne);
  bad[6] = G1Affine{fp::kZero, fp::to_montgomery(Limbs{2})};  // (0, 2): order 3, on the curve
  try {
    check_points(bad, "p");
    ADD_FAILURE() << "no error";
  } catch (const Error& e) {
    EXPECT_EQ(std::string(e.what()), "p[4] is not on the curve");
  }
  bad[4] = points[4];
  try {
    check_points(bad, "p");
    ADD_FAILURE() << "no error";
  } catch (const Error& e) {
    EXPECT_EQ(std::string(e.what()), "p[6] is not in the subgroup G1");
  }
}

TEST(MsmCApi, HostPointsBasesAndTheCheck) {
  std::mt19937_64 rng(9);
  const std::size_t n = 25;
  std::vector<G1Affine> points = random_points(n, rng);
  std::vector<Scalar> scalars(2 * n);
  for (auto& s : scalars) s = random_scalar(rng);
  gpuexec_executor* ex = nullptr;
  ASSERT_EQ(gpuexec_executor_create(GPUEXEC_BACKEND_CPU, -1, &ex), GPUEXEC_OK);
  const auto* p = points.front().x.limbs.data();
  const auto* s = scalars.front().bytes.data();
  std::vector<G1Jacobian> out(2);
  ASSERT_EQ(gpuexec_g1_msm(ex, p, n, s, 2 * n, out.front().x.limbs.data(), 2), GPUEXEC_OK)
      << gpuexec_last_error();
  gpuexec_msm_bases* bases = nullptr;
  ASSERT_EQ(gpuexec_msm_bases_create(ex, p, n, &bases), GPUEXEC_OK);
  EXPECT_EQ(gpuexec_msm_bases_size(bases), n);
  std::vector<G1Jacobian> again(2);
  ASSERT_EQ(gpuexec_g1_msm_bases(ex, bases, s, 2 * n, again.front().x.limbs.data(), 2), GPUEXEC_OK);
  for (std::size_t j = 0; j < 2; ++j) {
    const G1Jacobian want = naive_msm(points, {scalars.data() + j * n, n});
    EXPECT_TRUE(g1::equal(out[j], want)) << j;
    EXPECT_TRUE(g1::equal(again[j], want)) << j;
  }
  EXPECT_EQ(gpuexec_g1_msm_bases(ex, bases, s, n + 1, again.front().x.limbs.data(), 2),
            GPUEXEC_ERR_INVALID_ARGUMENT);
  EXPECT_EQ(gpuexec_g1_check_points(p, n), GPUEXEC_OK);
  points[3].x = fp::add(points[3].x, fp::kOne);
  EXPECT_EQ(gpuexec_g1_check_points(p, n), GPUEXEC_ERR_INVALID_ARGUMENT);
  EXPECT_NE(std::string(gpuexec_last_error()).find("points[3] is not on the curve"),
            std::string::npos)
      << gpuexec_last_error();
  points[3].x.limbs = fp::kModulus;
  EXPECT_EQ(gpuexec_g1_check_points(p, n), GPUEXEC_ERR_NON_CANONICAL);
  EXPECT_EQ(gpuexec_g1_msm(ex, nullptr, n, s, n, out.front().x.limbs.data(), 1),
            GPUEXEC_ERR_INVALID_ARGUMENT);
  gpuexec_msm_bases_destroy(bases);
  gpuexec_executor_destroy(ex);
}

}  // namespace
}  // namespace gpuexec::test
