// The batch kernels (src/cpu/field_kernels.hpp) against GMP: both implementations (BMI2/ADX
// where this CPU has it, and the portable template forced), both fields, edge values and random
// ones, the conversions and the canonical-input check.
#include <gmp.h>
#include <gtest/gtest.h>

#include <cstdlib>
#include <vector>

#include "cpu/field_kernels.hpp"
#include "cpu/parallel_for.hpp"
#include "gmp_oracle.hpp"

namespace gpuexec {
namespace {

using cpu::CpuArith;
using cpu::FieldKernels;
using cpu::FrElem;
using test::Mpz;

// GMP integers mod m for an N-limb description.
template <std::size_t N>
class LimbOracle {
 public:
  using Limbs = std::array<uint64_t, N>;
  explicit LimbOracle(const FieldParams<N>& params) : m_(from_limbs(params.modulus)) {
    mpz_ui_pow_ui(r_.v, 2, 64 * N);
    mpz_mod(r_.v, r_.v, m_.v);
    mpz_invert(rinv_.v, r_.v, m_.v);
  }
  const Mpz& m() const { return m_; }

  static Mpz from_limbs(const Limbs& x) {
    Mpz z;
    mpz_import(z.v, N, -1, sizeof(uint64_t), 0, 0, x.data());
    return z;
  }
  static Limbs to_limbs(const Mpz& z) {
    Limbs x{};
    size_t count = 0;
    mpz_export(x.data(), &count, -1, sizeof(uint64_t), 0, 0, z.v);
    return x;
  }
  // Big-endian, 8 N bytes, zero-padded on the left.
  static std::vector<uint8_t> be_bytes(const Mpz& z) {
    std::vector<uint8_t> out(8 * N, 0);
    size_t count = 0;
    std::vector<uint8_t> raw(8 * N + 8);
    mpz_export(raw.data(), &count, 1, 1, 1, 0, z.v);
    std::copy(raw.begin(), raw.begin() + count, out.end() - count);
    return out;
  }
  Mpz value(const Limbs& mont) const { return mod(from_limbs(mont), &rinv_); }
  Limbs element(const Mpz& z) const { return to_limbs(mod(z, &r_)); }
  // (x op y) mod m for canonical x, y.
  Mpz mod(const Mpz& x, const Mpz* times = nullptr) const {
    Mpz out;
    if (times) {
      mpz_mul(out.v, x.v, times->v);
    } else {
      mpz_set(out.v, x.v);
    }
    mpz_mod(out.v, out.v, m_.v);
    return out;
  }

 private:
  Mpz m_, r_, rinv_;
};

// One field's checks on one implementation.
template <typename E, const auto& P>
class Checker {
 public:
  static constexpr std::size_t N = sizeof(E) / 8;
  static constexpr std::size_t kBytes = sizeof(E);
  explicit Checker(const FieldKernels<E>& k) : k_(k) {}

  // Canonical values: 0, 1, 2, m-1, m-2, (m-1)/2, (m+1)/2, 2^(64k) and 2^(64k) +- 1 mod m
  // (carries across every limb), 2^(bits-1), then random ones from GMP.
  std::vector<Mpz> values(int random_count) const {
    std::vector<Mpz> v;
    for (unsigned long x : {0ul, 1ul, 2ul}) v.push_back(ui(x));
    for (unsigned long d : {1ul, 2ul}) {
      Mpz z;
      mpz_sub_ui(z.v, oracle_.m().v, d);
      v.push_back(z);
    }
    Mpz half;
    mpz_fdiv_q_2exp(half.v, oracle_.m().v, 1);
    v.push_back(half);
    mpz_add_ui(half.v, half.v, 1);
    v.push_back(half);
    for (std::size_t k = 1; k <= N; ++k) {
      Mpz pow, below, above;
      mpz_ui_pow_ui(pow.v, 2, 64 * k);
      mpz_sub_ui(below.v, pow.v, 1);
      mpz_add_ui(above.v, pow.v, 1);
      for (const Mpz* z : {&pow, &below, &above}) v.push_back(oracle_.mod(*z));
    }
    Mpz top;
    mpz_ui_pow_ui(top.v, 2, P.modulus_bits - 1);
    v.push_back(top);
    gmp_randstate_t state;
    gmp_randinit_mt(state);
    gmp_randseed_ui(state, 22);
    for (int i = 0; i < random_count; ++i) {
      Mpz z;
      mpz_urandomm(z.v, state, oracle_.m().v);
      v.push_back(z);
    }
    gmp_randclear(state);
    return v;
  }

  // add, sub, mul, mad, neg, sqr on every ordered pair of values, then in place.
  void ops() const {
    const auto zs = values(24);
    std::vector<E> a, b, c;
    std::vector<std::size_t> ia, ib, ic;
    for (std::size_t i = 0; i < zs.size(); ++i) {
      for (std::size_t j = 0; j < zs.size(); ++j) {
        ia.push_back(i), ib.push_back(j), ic.push_back((i + j) % zs.size());
        a.push_back(elem(zs[i])), b.push_back(elem(zs[j])), c.push_back(elem(zs[ic.back()]));
      }
    }
    const std::size_t n = a.size();
    std::vector<E> add(n), sub(n), mul(n), mad(n), neg(n), sqr(n);
    k_.add(a.data(), b.data(), add.data(), n);
    k_.sub(a.data(), b.data(), sub.data(), n);
    k_.mul(a.data(), b.data(), mul.data(), n);
    k_.mad(a.data(), b.data(), c.data(), mad.data(), n);
    k_.neg(a.data(), neg.data(), n);
    k_.sqr(a.data(), sqr.data(), n);
    for (std::size_t e = 0; e < n; ++e) {
      const Mpz &x = zs[ia[e]], &y = zs[ib[e]], &z = zs[ic[e]];
      Mpz s, d, p, q, ng, sq;
      mpz_add(s.v, x.v, y.v), mpz_sub(d.v, x.v, y.v), mpz_mul(p.v, x.v, y.v);
      mpz_add(q.v, p.v, z.v), mpz_neg(ng.v, x.v), mpz_mul(sq.v, x.v, x.v);
      const std::string at = " at values " + std::to_string(ia[e]) + ", " + std::to_string(ib[e]);
      ASSERT_EQ(add[e], elem(s)) << "add" << at;
      ASSERT_EQ(sub[e], elem(d)) << "sub" << at;
      ASSERT_EQ(mul[e], elem(p)) << "mul" << at;
      ASSERT_EQ(mad[e], elem(q)) << "mad" << at;
      ASSERT_EQ(neg[e], elem(ng)) << "neg" << at;
      ASSERT_EQ(sqr[e], elem(sq)) << "sqr" << at;
    }
    std::vector<E> inplace = a;  // out is an input
    k_.mul(inplace.data(), b.data(), inplace.data(), n);
    EXPECT_EQ(inplace, mul);
    inplace = b;
    k_.sub(a.data(), inplace.data(), inplace.data(), n);
    EXPECT_EQ(inplace, sub);
    inplace = a;
    k_.add(inplace.data(), inplace.data(), inplace.data(), n);
    k_.sub(inplace.data(), a.data(), inplace.data(), n);
    EXPECT_EQ(inplace, a);
  }

  // Canonical bytes <-> Montgomery limbs both ways, against GMP's own encoding.
  void conversions() const {
    const auto zs = values(40);
    std::vector<uint8_t> bytes;
    std::vector<E> elems;
    for (const Mpz& z : zs) {
      const auto enc = LimbOracle<N>::be_bytes(z);
      bytes.insert(bytes.end(), enc.begin(), enc.end());
      elems.push_back(elem(z));
    }
    const std::size_t n = zs.size();
    std::vector<E> back(n);
    EXPECT_EQ(k_.from_be_bytes(bytes.data(), back.data(), n), n);
    EXPECT_EQ(back, elems);
    std::vector<uint8_t> out(bytes.size());
    k_.to_be_bytes(elems.data(), out.data(), n);
    EXPECT_EQ(out, bytes);
  }

  // Values at or above m, each placed at index 5 of good ones: decoding and the limb check
  // name index 5, and the first of two bad ones.
  void rejects_non_canonical() const {
    std::vector<Mpz> bad;
    bad.push_back(oracle_.m());
    Mpz z;
    mpz_add_ui(z.v, oracle_.m().v, 1);
    bad.push_back(z);
    for (unsigned bits : {P.modulus_bits, unsigned(8 * kBytes - 1), unsigned(8 * kBytes)}) {
      mpz_ui_pow_ui(z.v, 2, bits);
      mpz_sub_ui(z.v, z.v, 1);  // 2^bits - 1; for 8 * kBytes every byte is 0xff
      bad.push_back(z);
    }
    mpz_ui_pow_ui(z.v, 2, 64);
    mpz_add(z.v, z.v, oracle_.m().v);  // m + 2^64: the limbs above 0 decide
    bad.push_back(z);
    const auto zs = values(3);
    for (const Mpz& b : bad) {
      std::vector<uint8_t> bytes;
      std::vector<E> raw;  // the bad value's plain limbs where limbs are checked
      for (std::size_t i = 0; i < 10; ++i) {
        const Mpz& v = i == 5 || i == 8 ? b : zs[i];
        const auto enc = LimbOracle<N>::be_bytes(v);
        bytes.insert(bytes.end(), enc.begin(), enc.end());
        raw.push_back(E{LimbOracle<N>::to_limbs(v)});
      }
      std::vector<E> out(10);
      EXPECT_EQ(k_.from_be_bytes(bytes.data(), out.data(), 10), 5u) << test::GmpOracle::hex(b);
      EXPECT_EQ(k_.first_unreduced(raw.data(), 10), 5u) << test::GmpOracle::hex(b);
      EXPECT_EQ(k_.first_unreduced(raw.data(), 5), 5u);  // none before it
      EXPECT_EQ(k_.from_be_bytes(bytes.data(), out.data(), 5), 5u);
    }
  }

  E elem(const Mpz& z) const { return E{oracle_.element(oracle_.mod(z))}; }

 private:
  static Mpz ui(unsigned long x) {
    Mpz z;
    mpz_set_ui(z.v, x);
    return z;
  }
  const FieldKernels<E>& k_;
  LimbOracle<N> oracle_{P};
};

class FieldKernelsTest : public ::testing::TestWithParam<CpuArith> {
 protected:
  void SetUp() override {
    if (!cpu::fp_kernels(GetParam())) GTEST_SKIP() << "this CPU has no BMI2/ADX";
  }
  Checker<Fp, kFpParams> fp() const { return Checker<Fp, kFpParams>(*cpu::fp_kernels(GetParam())); }
  Checker<FrElem, kFrParams> fr() const {
    return Checker<FrElem, kFrParams>(*cpu::fr_kernels(GetParam()));
  }
};

TEST_P(FieldKernelsTest, FpOps) {
  fp().ops();
}
TEST_P(FieldKernelsTest, FrOps) {
  fr().ops();
}
TEST_P(FieldKernelsTest, FpConversions) {
  fp().conversions();
}
TEST_P(FieldKernelsTest, FrConversions) {
  fr().conversions();
}
TEST_P(FieldKernelsTest, FpRejectsNonCanonical) {
  fp().rejects_non_canonical();
}
TEST_P(FieldKernelsTest, FrRejectsNonCanonical) {
  fr().rejects_non_canonical();
}

INSTANTIATE_TEST_SUITE_P(Impl, FieldKernelsTest,
                         ::testing::Values(CpuArith::Adx, CpuArith::Portable),
                         [](const auto& info) {
                           return std::string(cpu::cpu_arith_name(info.param));
                         });

// The table in use follows cpuid and GPUEXEC_CPU_ARITH (a ctest entry runs this with portable).
TEST(FieldKernelsDispatch, FollowsCpuidAndEnvironment) {
  const char* env = std::getenv("GPUEXEC_CPU_ARITH");
  const bool forced = env && std::string_view(env) == "portable";
  const CpuArith want = !forced && cpu::cpu_has_adx() ? CpuArith::Adx : CpuArith::Portable;
  EXPECT_EQ(cpu::cpu_arith(), want);
  EXPECT_EQ(&cpu::fp_kernels(), cpu::fp_kernels(want));
  EXPECT_EQ(&cpu::fr_kernels(), cpu::fr_kernels(want));
}

// The all-core helpers report the smallest bad index whichever range found it.
TEST(FieldKernelsParallel, SmallestBadIndexAcrossRanges) {
  const std::size_t n = 3 * cpu::kParallelThreshold;  // several ranges
  std::vector<Fp> v(n);                               // zeros: canonical
  EXPECT_EQ(cpu::parallel_first_unreduced(v.data(), n), n);
  Fp bad{kFpParams.modulus};
  v[n - 10] = bad;
  EXPECT_EQ(cpu::parallel_first_unreduced(v.data(), n), n - 10);
  v[n / 2] = bad;
  EXPECT_EQ(cpu::parallel_first_unreduced(v.data(), n), n / 2);
  v[3] = bad;
  EXPECT_EQ(cpu::parallel_first_unreduced(v.data(), n), 3u);

  std::vector<uint8_t> bytes(n * 32, 0);
  std::vector<FrElem> out(n, FrElem{{1, 1, 1, 1}});
  EXPECT_EQ(cpu::parallel_from_be_bytes(bytes.data(), out.data(), n), n);
  EXPECT_EQ(out[n - 1], FrElem{});
  std::fill(bytes.begin() + 32 * (n - 7), bytes.begin() + 32 * (n - 6), uint8_t{0xff});
  EXPECT_EQ(cpu::parallel_from_be_bytes(bytes.data(), out.data(), n), n - 7);
  std::vector<uint8_t> round(n * 32);
  std::vector<FrElem> elems(n, FrElem{kFrParams.one});
  cpu::parallel_to_be_bytes(elems.data(), round.data(), n);
  EXPECT_EQ(round[32 * (n - 1) + 31], 1);  // the value 1, big-endian
  EXPECT_EQ(round[32 * (n - 1) + 30], 0);
}

}  // namespace
}  // namespace gpuexec
