// The Montgomery template against GMP on every field description (Fp, Fr) and on two test-only
// moduli whose top limb rules out the shortcuts (the carry-out add, the general CIOS).
#include <gtest/gtest.h>

#include <vector>

#include "gmp_oracle.hpp"
#include "gpuexec/field_params.hpp"
#include "gpuexec/montgomery.hpp"
#include "test_size.hpp"

namespace gpuexec {
namespace {

using test::Mpz;

// 2^255 - 19: top limb 2^63 - 1, one past the "no final carry" bound.
constexpr FieldParams<4> kP25519{
    "p25519",
    255,
    {0xffffffffffffffed, 0xffffffffffffffff, 0xffffffffffffffff, 0x7fffffffffffffff},
    0x86bca1af286bca1b,
    {0x26, 0, 0, 0},
    {0x5a4, 0, 0, 0},
};
// 2^256 - 189, the largest 256-bit prime: no spare bit, a sum carries out of the top limb.
constexpr FieldParams<4> kP256m189{
    "p256m189",
    256,
    {0xffffffffffffff43, 0xffffffffffffffff, 0xffffffffffffffff, 0xffffffffffffffff},
    0xa53fa94fea53fa95,
    {0xbd, 0, 0, 0},
    {0x8b89, 0, 0, 0},
};

using FpField = MontgomeryField<kFpParams>;
using FrField = MontgomeryField<kFrParams>;
using P25519Field = MontgomeryField<kP25519>;
using P256Field = MontgomeryField<kP256m189>;

static_assert(FpField::description_is_consistent() && FpField::kNoFinalCarry);
static_assert(FrField::description_is_consistent() && FrField::kNoFinalCarry);
static_assert(P25519Field::description_is_consistent() && !P25519Field::kNoFinalCarry);
static_assert(P256Field::description_is_consistent() && !P256Field::kSpareBit);

// GMP integers mod m, converting to and from Montgomery form by itself.
template <typename F>
class Oracle {
 public:
  using E = typename F::Element;
  static constexpr std::size_t N = F::N;

  explicit Oracle(const typename F::Limbs& modulus) : m_(from_limbs(modulus)) {
    mpz_ui_pow_ui(r_.v, 2, 64 * N);
    mpz_mod(r_.v, r_.v, m_.v);
    mpz_invert(rinv_.v, r_.v, m_.v);
  }
  const Mpz& m() const { return m_; }
  const Mpz& r() const { return r_; }

  static Mpz from_limbs(const typename F::Limbs& x) {
    Mpz z;
    mpz_import(z.v, N, -1, sizeof(uint64_t), 0, 0, x.data());
    return z;
  }
  static typename F::Limbs to_limbs(const Mpz& z) {
    typename F::Limbs x{};
    size_t count = 0;
    mpz_export(x.data(), &count, -1, sizeof(uint64_t), 0, 0, z.v);
    return x;
  }
  Mpz value(const E& a) const { return mod(mul_z(from_limbs(a.limbs), rinv_)); }
  E element(const Mpz& z) const { return E{to_limbs(mod(mul_z(z, r_)))}; }

  E add(const E& a, const E& b) const { return binary(a, b, mpz_add); }
  E sub(const E& a, const E& b) const { return binary(a, b, mpz_sub); }
  E mul(const E& a, const E& b) const { return binary(a, b, mpz_mul); }

 private:
  static Mpz mul_z(const Mpz& x, const Mpz& y) {
    Mpz out;
    mpz_mul(out.v, x.v, y.v);
    return out;
  }
  Mpz mod(const Mpz& x) const {
    Mpz out;
    mpz_mod(out.v, x.v, m_.v);
    return out;
  }
  template <typename Op>
  E binary(const E& a, const E& b, Op op) const {
    Mpz out;
    op(out.v, value(a).v, value(b).v);
    return element(mod(out));
  }
  Mpz m_, r_, rinv_;
};

template <typename F>
class MontgomeryGmpTest : public ::testing::Test {
 protected:
  using E = typename F::Element;
  Oracle<F> oracle{F::kModulus};

  // GMP's own random values, so the library's sampler is not under test.
  std::vector<E> random_elements(int n, unsigned long seed) {
    gmp_randstate_t state;
    gmp_randinit_mt(state);
    gmp_randseed_ui(state, seed);
    std::vector<E> out;
    Mpz z;
    for (int i = 0; i < n; ++i) {
      mpz_urandomm(z.v, state, oracle.m().v);
      out.push_back(oracle.element(z));
    }
    gmp_randclear(state);
    return out;
  }

  // 0, 1, 2, m-1, m-2, (m-1)/2, (m+1)/2, R, R^-1, 2^(64k) and 2^(64k) - 1, 2^(bits-1).
  std::vector<E> edge_elements() {
    std::vector<Mpz> v(7);
    mpz_set_ui(v[1].v, 1);
    mpz_set_ui(v[2].v, 2);
    mpz_sub_ui(v[3].v, oracle.m().v, 1);
    mpz_sub_ui(v[4].v, oracle.m().v, 2);
    mpz_fdiv_q_2exp(v[5].v, oracle.m().v, 1);
    mpz_add_ui(v[6].v, v[5].v, 1);
    v.push_back(oracle.r());
    Mpz rinv;
    mpz_invert(rinv.v, oracle.r().v, oracle.m().v);
    v.push_back(rinv);
    for (std::size_t k = 1; k < F::N; ++k) {
      Mpz pow, below;
      mpz_ui_pow_ui(pow.v, 2, 64 * k);
      mpz_sub_ui(below.v, pow.v, 1);
      v.push_back(pow);
      v.push_back(below);
    }
    Mpz top;
    mpz_ui_pow_ui(top.v, 2, mpz_sizeinbase(oracle.m().v, 2) - 1);
    v.push_back(top);
    std::vector<E> out;
    for (const Mpz& z : v) out.push_back(oracle.element(z));
    return out;
  }

  void expect_ops_match(const E& a, const E& b) {
    ASSERT_EQ(F::add(a, b), oracle.add(a, b));
    ASSERT_EQ(F::sub(a, b), oracle.sub(a, b));
    ASSERT_EQ(F::mul(a, b), oracle.mul(a, b));
  }
};

using Fields = ::testing::Types<FpField, FrField, P25519Field, P256Field>;
TYPED_TEST_SUITE(MontgomeryGmpTest, Fields);

TYPED_TEST(MontgomeryGmpTest, DescriptionMatchesGmp) {
  using F = TypeParam;
  const auto& params = F::kParams;
  EXPECT_EQ(mpz_sizeinbase(this->oracle.m().v, 2), params.modulus_bits);
  EXPECT_NE(mpz_probab_prime_p(this->oracle.m().v, 30), 0);
  EXPECT_EQ(F::kOne.limbs, Oracle<F>::to_limbs(this->oracle.r()));
  Mpz r2, inv, word;
  mpz_mul(r2.v, this->oracle.r().v, this->oracle.r().v);
  mpz_mod(r2.v, r2.v, this->oracle.m().v);
  EXPECT_EQ(F::kR2.limbs, Oracle<F>::to_limbs(r2));
  // -m^-1 mod 2^64
  mpz_ui_pow_ui(word.v, 2, 64);
  mpz_invert(inv.v, this->oracle.m().v, word.v);
  mpz_sub(inv.v, word.v, inv.v);
  EXPECT_EQ(params.inv, mpz_get_ui(inv.v));
  EXPECT_EQ(sizeof(typename F::Element), std::remove_cvref_t<decltype(F::kParams)>::kElementBytes);
}

TYPED_TEST(MontgomeryGmpTest, RandomPairsEveryOp) {
  const int n = test::small_tests() ? 5000 : 50000;
  const auto a = this->random_elements(n, 11);
  const auto b = this->random_elements(n, 12);
  for (int i = 0; i < n; ++i) {
    SCOPED_TRACE(i);
    this->expect_ops_match(a[i], b[i]);
    if (this->HasFatalFailure()) return;
  }
}

TYPED_TEST(MontgomeryGmpTest, EdgePairsEveryOp) {
  const auto edges = this->edge_elements();
  for (std::size_t i = 0; i < edges.size(); ++i) {
    for (std::size_t j = 0; j < edges.size(); ++j) {
      SCOPED_TRACE(testing::Message() << "edges " << i << "," << j);
      this->expect_ops_match(edges[i], edges[j]);
      if (this->HasFatalFailure()) return;
    }
  }
}

TYPED_TEST(MontgomeryGmpTest, NegSqrAndConversion) {
  using F = TypeParam;
  auto values = this->random_elements(2000, 13);
  for (const auto& e : this->edge_elements()) values.push_back(e);
  for (const auto& a : values) {
    EXPECT_EQ(F::sqr(a), this->oracle.mul(a, a));
    EXPECT_EQ(F::neg(a), this->oracle.sub(F::kZero, a));
    EXPECT_TRUE(F::is_zero(F::add(a, F::neg(a))));
    const auto plain = Oracle<F>::to_limbs(this->oracle.value(a));
    EXPECT_EQ(F::from_montgomery(a), plain);
    EXPECT_EQ(F::to_montgomery(plain), a);
    EXPECT_TRUE(F::is_canonical(plain));
  }
  EXPECT_FALSE(F::is_zero(F::kOne));
}

TYPED_TEST(MontgomeryGmpTest, CanonicalBoundary) {
  using F = TypeParam;
  auto m = F::kModulus;
  EXPECT_FALSE(F::is_canonical(m));
  m[0] -= 1;  // every modulus is odd: no borrow
  EXPECT_TRUE(F::is_canonical(m));
  typename F::Limbs ones;
  ones.fill(~uint64_t{0});
  EXPECT_FALSE(F::is_canonical(ones));
  EXPECT_TRUE(F::is_canonical({}));
}

}  // namespace
}  // namespace gpuexec
