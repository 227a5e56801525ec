// Every field op against GMP on random and edge values.
#include <gtest/gtest.h>

#include <random>

#include "gmp_oracle.hpp"
#include "gpuexec/fp_samples.hpp"
#include "gpuexec/op.hpp"
#include "test_size.hpp"

namespace gpuexec {
namespace {

using test::GmpOracle;
using test::Mpz;

const int kRandomPairs = test::small_tests() ? 10000 : 100000;

class FpGmpTest : public ::testing::Test {
 protected:
  GmpOracle oracle;
  // Random elements drawn by GMP itself, not by the library's sampler.
  std::vector<Fp> gmp_random_elements(int n, unsigned long seed) {
    gmp_randstate_t state;
    gmp_randinit_mt(state);
    gmp_randseed_ui(state, seed);
    std::vector<Fp> out;
    Mpz z;
    for (int i = 0; i < n; ++i) {
      mpz_urandomm(z.v, state, oracle.p().v);
      out.push_back(oracle.element(z));
    }
    gmp_randclear(state);
    return out;
  }
};

TEST_F(FpGmpTest, ConstantsMatchGmp) {
  Mpz one("1");
  EXPECT_EQ(oracle.element(one), fp::kOne);
  EXPECT_EQ(oracle.value(fp::kOne).v[0]._mp_size, 1);
  EXPECT_EQ(GmpOracle::to_limbs(oracle.p()), fp::kModulus);
  // kR2 is the Montgomery form of R.
  Mpz r;
  mpz_ui_pow_ui(r.v, 2, 384);
  mpz_mod(r.v, r.v, oracle.p().v);
  EXPECT_EQ(oracle.element(r), fp::kR2);
}

TEST_F(FpGmpTest, MontgomeryConversionMatchesGmp) {
  for (const Fp& a : gmp_random_elements(2000, 1)) {
    const Limbs plain = GmpOracle::to_limbs(oracle.value(a));
    EXPECT_EQ(fp::from_montgomery(a), plain);
    EXPECT_EQ(fp::to_montgomery(plain), a);
  }
}

TEST_F(FpGmpTest, RandomPairsEveryOp) {
  const auto a = gmp_random_elements(kRandomPairs, 2);
  const auto b = gmp_random_elements(kRandomPairs, 3);
  for (int i = 0; i < kRandomPairs; ++i) {
    ASSERT_EQ(fp::add(a[i], b[i]), oracle.add(a[i], b[i])) << "add, pair " << i;
    ASSERT_EQ(fp::sub(a[i], b[i]), oracle.sub(a[i], b[i])) << "sub, pair " << i;
    ASSERT_EQ(fp::mul(a[i], b[i]), oracle.mul(a[i], b[i])) << "mul, pair " << i;
  }
}

TEST_F(FpGmpTest, EdgePairsEveryOp) {
  const auto edges = fp_edge_values();
  ASSERT_GE(edges.size(), 20u);
  for (std::size_t i = 0; i < edges.size(); ++i) {
    for (std::size_t j = 0; j < edges.size(); ++j) {
      const Fp& x = edges[i];
      const Fp& y = edges[j];
      ASSERT_EQ(fp::add(x, y), oracle.add(x, y)) << "add " << i << "," << j;
      ASSERT_EQ(fp::sub(x, y), oracle.sub(x, y)) << "sub " << i << "," << j;
      ASSERT_EQ(fp::mul(x, y), oracle.mul(x, y)) << "mul " << i << "," << j;
    }
  }
}

TEST_F(FpGmpTest, EdgeValuesAreWhatTheyClaim) {
  const auto edges = fp_edge_values();
  Mpz pm1;
  mpz_sub_ui(pm1.v, oracle.p().v, 1);
  EXPECT_EQ(mpz_sgn(oracle.value(edges[0]).v), 0);
  EXPECT_EQ(mpz_cmp_ui(oracle.value(edges[1]).v, 1), 0);
  EXPECT_EQ(mpz_cmp(oracle.value(edges[3]).v, pm1.v), 0);
  for (const Fp& e : edges) EXPECT_TRUE(fp::is_canonical(e.limbs));
}

TEST_F(FpGmpTest, NegSqrIsZero) {
  for (const Fp& a : gmp_random_elements(5000, 4)) {
    EXPECT_EQ(fp::sqr(a), oracle.mul(a, a));
    EXPECT_EQ(fp::neg(a), oracle.sub(fp::kZero, a));
    EXPECT_TRUE(fp::is_zero(fp::add(a, fp::neg(a))));
  }
  EXPECT_TRUE(fp::is_zero(fp::neg(fp::kZero)));
  EXPECT_FALSE(fp::is_zero(fp::kOne));
}

TEST_F(FpGmpTest, ApplyDispatchesEachOp) {
  const auto v = gmp_random_elements(2, 5);
  EXPECT_EQ(apply(Op::Add, v[0], v[1]), oracle.add(v[0], v[1]));
  EXPECT_EQ(apply(Op::Sub, v[0], v[1]), oracle.sub(v[0], v[1]));
  EXPECT_EQ(apply(Op::Mul, v[0], v[1]), oracle.mul(v[0], v[1]));
  EXPECT_EQ(parse_op("mul"), Op::Mul);
  EXPECT_FALSE(parse_op("div").has_value());
}

}  // namespace
}  // namespace gpuexec
