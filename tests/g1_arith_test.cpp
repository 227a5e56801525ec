// G1 reference arithmetic against the GMP affine oracle: Fp square roots and inverses, every
// addition form (Jacobian, mixed, XYZZ) with its exceptional cases, scalar multiplication, the
// subgroup check against the definition on points inside and outside G1.
#include <gtest/gtest.h>

#include <random>

#include "g1_oracle.hpp"
#include "gpuexec/fp_samples.hpp"
#include "gpuexec/g1.hpp"

namespace gpuexec {
namespace {

using test::CurveOracle;
using test::GmpRandom;
using test::Mpz;
using test::MpzPoint;

class G1Arith : public ::testing::Test {
 protected:
  CurveOracle oracle;
  GmpRandom rnd{12345};

  // [k] G for a random k, from the oracle, with k.
  MpzPoint random_multiple(Mpz* k_out = nullptr) {
    Mpz k = test::random_below(rnd.state, oracle.r());
    if (k_out) *k_out = k;
    return oracle.mul(oracle.generator(), k);
  }
  G1Affine lib(const MpzPoint& a) { return oracle.to_library(a); }
  // Expect the library's point (any form) to be the oracle's.
  void expect_point(const G1Jacobian& got, const MpzPoint& want) {
    EXPECT_TRUE(g1::is_on_curve(got));
    const G1Affine a = g1::to_affine(got);
    EXPECT_EQ(a, lib(want)) << "x = " << (want.infinity ? "inf" : test::GmpOracle::hex(want.x));
  }
};

TEST_F(G1Arith, FpSqrtAndInverseMatchGmp) {
  std::mt19937_64 rng(7);
  const auto& f = oracle.field();
  int squares = 0;
  std::vector<Fp> values = fp_edge_values();
  for (int i = 0; i < 200; ++i) values.push_back(fp_random(rng));
  for (const Fp& a : values) {
    const Mpz av = f.value(a);
    Mpz inv;
    if (mpz_sgn(av.v) == 0) {
      EXPECT_EQ(fp::inverse(a), fp::kZero);
    } else {
      mpz_invert(inv.v, av.v, f.p().v);
      EXPECT_EQ(fp::inverse(a), f.element(inv));
    }
    const int legendre = mpz_legendre(av.v, f.p().v);
    const auto s = fp::sqrt(a);
    ASSERT_EQ(s.has_value(), legendre >= 0);
    if (s) {
      ++squares;
      EXPECT_EQ(f.mul(*s, *s), a);
    }
  }
  EXPECT_GT(squares, 50);  // both branches ran
  EXPECT_LT(squares, static_cast<int>(values.size()) - 50);
}

TEST_F(G1Arith, GeneratorAndBetaConstants) {
  EXPECT_TRUE(oracle.on_curve(oracle.generator()));
  EXPECT_EQ(g1::generator(), lib(oracle.generator()));
  EXPECT_TRUE(g1::is_on_curve(g1::generator()));
  // beta is a nontrivial cube root of unity.
  const Mpz beta = test::GmpOracle::from_limbs(g1::kBeta);
  Mpz cube;
  mpz_powm_ui(cube.v, beta.v, 3, oracle.p().v);
  EXPECT_EQ(mpz_cmp_ui(cube.v, 1), 0);
  EXPECT_NE(mpz_cmp_ui(beta.v, 1), 0);
  // ... the one acting as [-x^2] on G1: sigma(G) = [r - x^2] G.
  Mpz x2, lambda;
  mpz_set_ui(x2.v, g1::kBlsX);
  mpz_mul(x2.v, x2.v, x2.v);
  mpz_sub(lambda.v, oracle.r().v, x2.v);
  EXPECT_EQ(g1::sigma(g1::generator()), lib(oracle.mul(oracle.generator(), lambda)));
}

TEST_F(G1Arith, AdditionFormsMatchOracle) {
  for (int i = 0; i < 12; ++i) {
    const MpzPoint a = random_multiple(), b = random_multiple();
    const G1Affine la = lib(a), lb = lib(b);
    // Jacobian inputs with Z != 1: doubling and re-adding moves them off the affine Z.
    const G1Jacobian ja = g1::add(g1::dbl(g1::to_jacobian(la)), g1::neg(g1::to_jacobian(la)));
    const G1Jacobian jb = g1::to_jacobian(lb);
    ASSERT_FALSE(fp::Field::is_zero(fp::sub(ja.z, fp::kOne)));
    const MpzPoint sum = oracle.add(a, b), twice = oracle.add(a, a);
    expect_point(g1::add(ja, jb), sum);
    expect_point(g1::add(jb, ja), sum);
    expect_point(g1::add_mixed(ja, lb), sum);
    expect_point(g1::dbl(ja), twice);
    expect_point(g1::add(ja, ja), twice);                // P + P through add
    expect_point(g1::add_mixed(ja, la), twice);          // P + P through mixed add
    expect_point(g1::add(ja, g1::neg(ja)), MpzPoint{});  // P + (-P)
    expect_point(g1::add_mixed(ja, g1::neg(la)), MpzPoint{});
    // XYZZ, with a non-trivial ZZ.
    const G1Xyzz xa = g1::add_mixed(g1::to_xyzz(la), la);  // 2a
    const MpzPoint a2 = twice;
    expect_point(g1::to_jacobian(xa), a2);
    expect_point(g1::to_jacobian(g1::add_mixed(xa, lb)), oracle.add(a2, b));
    expect_point(g1::to_jacobian(g1::add(xa, g1::add_mixed(g1::to_xyzz(lb), la))),
                 oracle.add(a2, sum));
    expect_point(g1::to_jacobian(g1::dbl(xa)), oracle.add(a2, a2));
    expect_point(g1::to_jacobian(g1::add(xa, xa)), oracle.add(a2, a2));
    const G1Affine a2_affine = lib(a2);
    expect_point(g1::to_jacobian(g1::add_mixed(xa, a2_affine)), oracle.add(a2, a2));
    expect_point(g1::to_jacobian(g1::add_mixed(xa, g1::neg(a2_affine))), MpzPoint{});
    const G1Xyzz minus_xa{xa.x, fp::neg(xa.y), xa.zz, xa.zzz};
    expect_point(g1::to_jacobian(g1::add(xa, minus_xa)), MpzPoint{});
  }
}

TEST_F(G1Arith, InfinityIsTheIdentityInEveryForm) {
  const MpzPoint a = random_multiple();
  const G1Affine la = lib(a);
  const G1Affine inf{};
  EXPECT_TRUE(g1::is_infinity(inf));
  EXPECT_TRUE(g1::is_on_curve(inf));
  EXPECT_TRUE(g1::is_infinity(g1::to_jacobian(inf)));
  EXPECT_TRUE(g1::is_infinity(g1::to_affine(g1::kInfinity)));
  expect_point(g1::add(g1::kInfinity, g1::to_jacobian(la)), a);
  expect_point(g1::add(g1::to_jacobian(la), g1::kInfinity), a);
  expect_point(g1::add_mixed(g1::kInfinity, la), a);
  expect_point(g1::add_mixed(g1::to_jacobian(la), inf), a);
  expect_point(g1::dbl(g1::kInfinity), MpzPoint{});
  expect_point(g1::add_mixed(g1::kInfinity, inf), MpzPoint{});
  const G1Xyzz xinf{};
  expect_point(g1::to_jacobian(g1::add_mixed(xinf, la)), a);
  expect_point(g1::to_jacobian(g1::add_mixed(g1::to_xyzz(la), inf)), a);
  expect_point(g1::to_jacobian(g1::add_mixed(xinf, inf)), MpzPoint{});
  expect_point(g1::to_jacobian(g1::add(xinf, g1::to_xyzz(la))), a);
  expect_point(g1::to_jacobian(g1::add(g1::to_xyzz(la), xinf)), a);
  expect_point(g1::to_jacobian(g1::dbl(xinf)), MpzPoint{});
  EXPECT_TRUE(g1::equal(g1::kInfinity, inf));
  EXPECT_FALSE(g1::equal(g1::kInfinity, la));
  EXPECT_FALSE(g1::equal(g1::to_jacobian(la), inf));
}

TEST_F(G1Arith, ScalarMultiplicationMatchesOracleAndIsLinear) {
  const G1Affine g = g1::generator();
  for (int i = 0; i < 6; ++i) {
    Mpz k;
    const MpzPoint want = random_multiple(&k);
    expect_point(g1::mul(g, test::scalar_of(k)), want);
  }
  // [r] G = O, [r - 1] G = -G, [r + 1] G = G (scalars are integers, not reduced).
  Mpz r1;
  EXPECT_TRUE(g1::is_infinity(g1::mul(g, test::scalar_of(oracle.r()))));
  mpz_sub_ui(r1.v, oracle.r().v, 1);
  EXPECT_TRUE(g1::equal(g1::mul(g, test::scalar_of(r1)), g1::neg(g)));
  mpz_add_ui(r1.v, oracle.r().v, 1);
  EXPECT_TRUE(g1::equal(g1::mul(g, test::scalar_of(r1)), g));
  EXPECT_TRUE(g1::is_infinity(g1::mul(g, Scalar{})));
  // [a] G + [b] G = [a + b] G and [a] ([b] G) = [a b] G, mod r.
  for (int i = 0; i < 4; ++i) {
    const Mpz a = test::random_below(rnd.state, oracle.r());
    const Mpz b = test::random_below(rnd.state, oracle.r());
    Mpz s, m;
    mpz_add(s.v, a.v, b.v);
    mpz_mod(s.v, s.v, oracle.r().v);
    mpz_mul(m.v, a.v, b.v);
    mpz_mod(m.v, m.v, oracle.r().v);
    const G1Jacobian ga = g1::mul(g, test::scalar_of(a)), gb = g1::mul(g, test::scalar_of(b));
    EXPECT_TRUE(g1::equal(g1::add(ga, gb), g1::mul(g, test::scalar_of(s))));
    EXPECT_TRUE(g1::equal(g1::mul(gb, test::scalar_of(a)), g1::mul(g, test::scalar_of(m))));
  }
  // Fr's Montgomery form converts to the canonical scalar.
  const Fr five = fr::from_u64(5);
  EXPECT_TRUE(g1::equal(g1::mul(g, scalar_from_fr(five)),
                        g1::add(g1::dbl(g1::dbl(g1::to_jacobian(g))), g1::to_jacobian(g))));
  EXPECT_EQ(scalar_limbs(scalar_from_fr(five)), (std::array<uint64_t, 4>{5, 0, 0, 0}));
}

TEST_F(G1Arith, BatchToAffineMatchesSingleInversions) {
  std::vector<G1Jacobian> in;
  const G1Jacobian g = g1::to_jacobian(g1::generator());
  G1Jacobian acc = g;
  for (int i = 0; i < 9; ++i) {
    in.push_back(i % 4 == 2 ? g1::kInfinity : acc);
    acc = g1::add(g1::dbl(acc), g);
  }
  std::vector<G1Affine> out(in.size());
  g1::batch_to_affine(in, out);
  for (std::size_t i = 0; i < in.size(); ++i) EXPECT_EQ(out[i], g1::to_affine(in[i])) << i;
  g1::batch_to_affine({}, {});
  EXPECT_THROW(g1::batch_to_affine(in, std::span<G1Affine>(out).first(3)), std::invalid_argument);
}

TEST_F(G1Arith, EqualityAcrossRepresentations) {
  const MpzPoint a = random_multiple(), b = random_multiple();
  const G1Affine la = lib(a), lb = lib(b);
  // The same point with Z = 1 and with Z from a computation.
  const G1Jacobian z1 = g1::to_jacobian(la);
  const G1Jacobian zk = g1::add(g1::add(z1, g1::to_jacobian(lb)), g1::neg(g1::to_jacobian(lb)));
  EXPECT_TRUE(g1::equal(z1, zk));
  EXPECT_TRUE(g1::equal(zk, la));
  EXPECT_FALSE(g1::equal(zk, lb));
  EXPECT_FALSE(g1::equal(zk, g1::neg(la)));  // same x, other y
}

// Points of the curve outside G1: random (not cofactor-cleared) ones, ones of small order
// (factors of the cofactor 3 * 11^2 * 10177^2 * 859267^2 * 52437899^2), and G1 points plus
// small-order points. The fast check must agree with [r] P = O on every one.
TEST_F(G1Arith, SubgroupCheckAgreesWithTheDefinition) {
  int outside = 0, inside = 0;
  auto check = [&](const MpzPoint& pt, bool expect_in) {
    ASSERT_TRUE(oracle.on_curve(pt));
    const G1Affine p = lib(pt);
    ASSERT_TRUE(g1::is_on_curve(p));
    EXPECT_EQ(g1::in_subgroup_by_order(p), expect_in);
    EXPECT_EQ(g1::in_subgroup(p), expect_in);
    (expect_in ? inside : outside) += 1;
  };
  // (0, 2): order 3.
  MpzPoint three;
  three.infinity = false;
  mpz_set_ui(three.y.v, 2);
  check(three, false);
  check(oracle.neg(three), false);
  check(oracle.generator(), true);
  check(MpzPoint{}, true);
  Mpz rh;
  mpz_mul(rh.v, oracle.r().v, oracle.cofactor().v);  // the curve's order
  for (int i = 0; i < 8; ++i) {
    const MpzPoint q = oracle.random_curve_point(rnd.state);
    // A random point is in G1 with probability 1/h: it is outside unless [r] Q = O.
    const bool q_in = oracle.mul(q, oracle.r()).infinity;
    check(q, q_in);
    const MpzPoint cleared = oracle.mul(q, oracle.cofactor());
    check(cleared, true);
    // The ell-primary part of Q: [#E / ell^k] Q, of order dividing ell^k.
    for (unsigned long ell_k :
         {3ul, 11ul * 11, 10177ul * 10177, 859267ul * 859267, 52437899ul * 52437899}) {
      Mpz e;
      mpz_divexact_ui(e.v, rh.v, ell_k);
      const MpzPoint small = oracle.mul(q, e);
      if (small.infinity) continue;
      check(small, false);
      check(oracle.add(cleared, small), false);  // G1 point plus torsion
    }
  }
  EXPECT_GT(outside, 60);
  EXPECT_GT(inside, 8);
}

}  // namespace
}  // namespace gpuexec
