// CPU Pippenger against the naive sum of double-and-add multiplications (itself checked against
// the GMP oracle in g1_arith_test.cpp): random and edge scalars, repeated points, P and -P,
// infinity among the points, points outside G1, every window width path, threads and chunks.
#include <gtest/gtest.h>

#include <random>

#include "cpu/msm.hpp"
#include "curve/g1_multiples.hpp"
#include "g1_oracle.hpp"
#include "gpuexec/g1.hpp"

namespace gpuexec {
namespace {

using cpu::MsmOptions;

G1Jacobian naive_msm(std::span<const G1Affine> points, std::span<const Scalar> scalars) {
  G1Jacobian acc = g1::kInfinity;
  for (std::size_t i = 0; i < points.size(); ++i)
    acc = g1::add(acc, g1::mul(points[i], scalars[i]));
  return acc;
}

Scalar pow2(unsigned k) {
  std::array<uint64_t, 4> l{};
  l[k / 64] = uint64_t{1} << (k % 64);
  return scalar_from_limbs(l);
}

class G1Msm : public ::testing::Test {
 protected:
  std::mt19937_64 rng{2024};
  const std::array<uint64_t, 4> r = kFrParams.modulus;

  Scalar random_scalar() {  // uniform below r
    for (;;) {
      std::array<uint64_t, 4> l{rng(), rng(), rng(), rng() >> 1};
      if (fr::is_canonical(l)) return scalar_from_limbs(l);
    }
  }
  // Random multiples of G, affine, through one batch inversion. They run in arithmetic
  // progressions (a + k s), so sums of signed points in one bucket often equal another point
  // or its negative: the bucket loop's doubling and P + (-P) cases run in every test.
  std::vector<G1Affine> random_points(std::size_t n) {
    std::vector<G1Jacobian> jac(n);
    const G1Jacobian g = g1::to_jacobian(g1::generator());
    G1Jacobian step = g1::mul(g, random_scalar());
    G1Jacobian acc = g1::mul(g, random_scalar());
    for (auto& p : jac) {
      p = acc;
      acc = g1::add(acc, step);
      if (rng() % 8 == 0) step = g1::dbl(step);
    }
    std::vector<G1Affine> out(n);
    g1::batch_to_affine(jac, out);
    return out;
  }
  // Edge scalars: 0, 1, 2, r - 1, r, 2^k, 2^256 - 1.
  std::vector<Scalar> edge_scalars() {
    std::array<uint64_t, 4> r_minus_1 = r;
    r_minus_1[0] -= 1;
    std::vector<Scalar> out = {Scalar{}, pow2(0), pow2(1), scalar_from_limbs(r_minus_1),
                               scalar_from_limbs(r)};
    for (unsigned k : {5u, 63u, 64u, 127u, 128u, 200u, 254u, 255u}) out.push_back(pow2(k));
    Scalar all_ones;
    all_ones.bytes.fill(0xff);
    out.push_back(all_ones);
    return out;
  }
  // n points with repeats, opposite pairs and infinity; scalars random with edges mixed in.
  void make_case(std::size_t n, std::vector<G1Affine>& points, std::vector<Scalar>& scalars) {
    points = random_points(n);
    scalars.resize(n);
    const auto edges = edge_scalars();
    for (std::size_t i = 0; i < n; ++i) {
      scalars[i] = rng() % 4 == 0 ? edges[rng() % edges.size()] : random_scalar();
    }
    if (n >= 3) {
      points[n - 1] = points[0];                 // repeated point
      points[n - 2] = g1::neg(points[1]);        // -P beside P
      points[n / 2] = G1Affine{};                // infinity
      if (n >= 17) scalars[n - 2] = scalars[1];  // [s] P + [s] (-P) = O
    }
  }
  void expect_msm(std::span<const G1Affine> points, std::span<const Scalar> scalars,
                  const G1Jacobian& want, const MsmOptions& options, const std::string& what) {
    G1Jacobian got;
    cpu::msm(points, scalars, got, options);
    EXPECT_TRUE(g1::is_on_curve(got)) << what;
    EXPECT_TRUE(g1::equal(got, want)) << what << " threads " << options.threads << " c "
                                      << options.window_bits << " chunks " << options.point_chunks;
  }
};

// The host's share of a device MSM adds and doubles XYZZ points in the CPU's fastest arithmetic:
// the same points as the reference formulas, on random, equal, opposite and infinite inputs.
TEST_F(G1Msm, FastXyzzOpsMatchTheReference) {
  const cpu::XyzzOps& fast = cpu::fast_xyzz();
  const auto points = random_points(16);
  std::vector<G1Xyzz> xs = {G1Xyzz{}};
  for (const G1Affine& p : points) {
    xs.push_back(g1::add_mixed(g1::to_xyzz(p), points[0]));  // ZZ != 1
    xs.push_back(g1::to_xyzz(p));
  }
  xs.push_back(g1::to_xyzz(g1::neg(points[1])));  // opposite of an earlier point
  for (const G1Xyzz& a : xs) {
    EXPECT_TRUE(g1::equal(g1::to_jacobian(fast.dbl(a)), g1::to_jacobian(g1::dbl(a))));
    for (const G1Xyzz& b : xs) {
      const G1Jacobian want = g1::to_jacobian(g1::add(a, b));
      EXPECT_TRUE(g1::equal(g1::to_jacobian(fast.add(a, b)), want));
    }
  }
}

TEST_F(G1Msm, MatchesNaiveSumAcrossSizesAndOptions) {
  for (std::size_t n : {0, 1, 2, 3, 17, 100, 1000}) {
    std::vector<G1Affine> points;
    std::vector<Scalar> scalars;
    make_case(n, points, scalars);
    const G1Jacobian want = naive_msm(points, scalars);
    const std::string what = "n = " + std::to_string(n);
    expect_msm(points, scalars, want, {}, what);
    expect_msm(points, scalars, want, {.threads = 1}, what);
    expect_msm(points, scalars, want, {.threads = 2}, what);
    expect_msm(points, scalars, want, {.threads = 3, .point_chunks = 3}, what);
    if (n <= 100) {
      for (unsigned c : {1u, 2u, 3u, 8u, 11u}) {
        expect_msm(points, scalars, want, {.threads = 2, .window_bits = c}, what);
      }
    }
  }
}

TEST_F(G1Msm, EveryEdgeScalarAloneAndTogether) {
  const auto edges = edge_scalars();
  const auto points = random_points(edges.size());
  for (std::size_t i = 0; i < edges.size(); ++i) {
    const std::span<const G1Affine> p(&points[i], 1);
    const std::span<const Scalar> s(&edges[i], 1);
    const G1Jacobian want = g1::mul(points[i], edges[i]);
    for (unsigned c : {0u, 1u, 4u, 8u, 16u}) {  // 8 and 16 divide 256: the carry window
      expect_msm(p, s, want, {.window_bits = c}, "edge " + std::to_string(i));
    }
  }
  const G1Jacobian want = naive_msm(points, edges);
  for (unsigned c : {0u, 2u, 7u, 8u}) expect_msm(points, edges, want, {.window_bits = c}, "edges");
}

TEST_F(G1Msm, DegenerateInputs) {
  const auto points = random_points(40);
  std::vector<Scalar> zeros(points.size());
  G1Jacobian out = g1::to_jacobian(g1::generator());
  cpu::msm(points, zeros, out);
  EXPECT_TRUE(g1::is_infinity(out));
  // Every point at infinity.
  std::vector<G1Affine> infinities(40);
  std::vector<Scalar> scalars(40);
  for (auto& s : scalars) s = random_scalar();
  cpu::msm(infinities, scalars, out);
  EXPECT_TRUE(g1::is_infinity(out));
  // One point 40 times, and pairs that cancel.
  std::vector<G1Affine> same(40, points[0]);
  expect_msm(same, scalars, naive_msm(same, scalars), {}, "same point");
  std::vector<G1Affine> pairs(40);
  for (std::size_t i = 0; i < 40; ++i) {
    pairs[i] = i % 2 ? g1::neg(points[i - 1]) : points[i];
    if (i % 2) scalars[i] = scalars[i - 1];
  }
  cpu::msm(pairs, scalars, out);
  EXPECT_TRUE(g1::is_infinity(out));
  EXPECT_THROW(cpu::msm(points, std::span<const Scalar>(scalars).first(3), out),
               std::invalid_argument);
  EXPECT_THROW(cpu::msm(points, zeros, out, {.window_bits = 21}), std::invalid_argument);
}

// The MSM checks nothing about its points: on curve points outside G1 (random x, no cofactor
// clearing) it still returns the exact integer combination, scalars above r included.
TEST_F(G1Msm, PointsOutsideTheSubgroupGiveTheExactSum) {
  test::CurveOracle oracle;
  test::GmpRandom rnd(99);
  std::vector<G1Affine> points;
  for (int i = 0; i < 20; ++i)
    points.push_back(oracle.to_library(oracle.random_curve_point(rnd.state)));
  std::vector<Scalar> scalars(points.size());
  for (auto& s : scalars)
    s.bytes = {}, std::generate(s.bytes.begin(), s.bytes.end(), [&] { return uint8_t(rng()); });
  const G1Jacobian want = naive_msm(points, scalars);
  EXPECT_FALSE(g1::in_subgroup(g1::to_affine(want)));
  for (unsigned c : {0u, 3u, 8u}) expect_msm(points, scalars, want, {.window_bits = c}, "outside");
}

TEST_F(G1Msm, BatchSharesPointsAndMatchesSingleMsms) {
  const std::size_t n = 150, batch = 3;
  const auto points = random_points(n);
  std::vector<Scalar> scalars(n * batch);
  for (auto& s : scalars) s = random_scalar();
  std::vector<G1Jacobian> out(batch);
  cpu::msm_batch(points, scalars, out);
  for (std::size_t j = 0; j < batch; ++j) {
    const auto s = std::span<const Scalar>(scalars).subspan(j * n, n);
    EXPECT_TRUE(g1::equal(out[j], naive_msm(points, s))) << j;
  }
  cpu::msm_batch(points, scalars, out, {.threads = 2, .point_chunks = 2});
  for (std::size_t j = 0; j < batch; ++j) {
    const auto s = std::span<const Scalar>(scalars).subspan(j * n, n);
    EXPECT_TRUE(g1::equal(out[j], naive_msm(points, s))) << j;
  }
  EXPECT_THROW(cpu::msm_batch(points, std::span<const Scalar>(scalars).first(n * 2), out),
               std::invalid_argument);
}

// The digits put back together with GMP give every scalar back, each digit in range.
TEST_F(G1Msm, SignedDigitsRecomposeTheScalars) {
  std::vector<Scalar> scalars = edge_scalars();
  for (int i = 0; i < 50; ++i) scalars.push_back(random_scalar());
  for (int i = 0; i < 20; ++i) {  // full 256-bit values
    std::array<uint64_t, 4> l{rng(), rng(), rng(), rng()};
    scalars.push_back(scalar_from_limbs(l));
  }
  const std::size_t n = scalars.size();
  for (unsigned c : {1u, 2u, 3u, 5u, 8u, 13u, 16u, 20u}) {
    const unsigned windows = 256 / c + 1;
    const auto digits = cpu::msm_signed_digits(scalars, c, windows);
    ASSERT_EQ(digits.size(), n * windows);
    const int32_t half = int32_t{1} << (c - 1);
    for (std::size_t i = 0; i < n; ++i) {
      test::Mpz sum, term;
      for (unsigned w = windows; w-- > 0;) {
        const int32_t d = digits[w * n + i];
        ASSERT_LE(d, half);
        ASSERT_GE(d, -half);
        mpz_mul_2exp(sum.v, sum.v, c);
        if (d >= 0) {
          mpz_add_ui(sum.v, sum.v, static_cast<unsigned long>(d));
        } else {
          mpz_sub_ui(sum.v, sum.v, static_cast<unsigned long>(-d));
        }
      }
      const auto l = scalar_limbs(scalars[i]);
      test::Mpz want;
      mpz_import(want.v, 4, -1, sizeof(uint64_t), 0, 0, l.data());
      EXPECT_EQ(mpz_cmp(sum.v, want.v), 0) << "c " << c << " scalar " << i;
    }
  }
  EXPECT_THROW(cpu::msm_signed_digits(scalars, 8, 32), std::invalid_argument);  // 256 bits
  EXPECT_THROW(cpu::msm_signed_digits(scalars, 0, 300), std::invalid_argument);
  EXPECT_THROW(cpu::msm_signed_digits(scalars, 21, 13), std::invalid_argument);
}

// Precomputed copies of MSM bases: [2^(k shift)] P at i * blocks + k, infinity kept.
TEST_F(G1Msm, BaseMultiplesAreShiftedCopies) {
  std::vector<G1Affine> points(5);
  for (std::size_t i = 0; i < points.size(); ++i) {
    points[i] = g1::to_affine(g1::mul(g1::generator(), scalar_from_limbs({3 * i + 1, 0, 0, 0})));
  }
  points[2] = G1Affine{};  // infinity
  for (const auto& [blocks, shift] : {std::pair{1u, 7u}, {3u, 13u}, {4u, 64u}, {2u, 255u}}) {
    const auto copies = g1::base_multiples(points, blocks, shift);
    ASSERT_EQ(copies.size(), points.size() * blocks);
    for (std::size_t i = 0; i < points.size(); ++i) {
      for (unsigned k = 0; k < blocks; ++k) {
        std::array<uint64_t, 4> two_to{};  // 2^(k shift), below 2^256 for these cases
        two_to[k * shift / 64] = uint64_t{1} << (k * shift % 64);
        EXPECT_TRUE(
            g1::equal(g1::mul(points[i], scalar_from_limbs(two_to)), copies[i * blocks + k]))
            << i << " copy " << k << " of " << blocks;
      }
    }
  }
}

TEST_F(G1Msm, WindowWidthGrowsWithN) {
  unsigned last = 0;
  for (std::size_t n = 1; n <= (1u << 22); n *= 4) {
    const unsigned c = cpu::msm_window_bits(n);
    EXPECT_GE(c, last);
    EXPECT_GE(c, 1u);
    EXPECT_LE(c, 16u);
    last = c;
  }
  EXPECT_GT(cpu::msm_window_bits(1 << 16), cpu::msm_window_bits(16));
}

}  // namespace
}  // namespace gpuexec
