// The independent G1 oracle: affine points as GMP integers mod p, added by the slope formulas
// (one modular inversion per step), multiplied by double-and-add, encoded byte by byte. It
// shares nothing with the library's curve code; only GmpOracle's Montgomery conversion.
#pragma once

#include <gmp.h>

#include <array>
#include <random>
#include <vector>

#include "gmp_oracle.hpp"
#include "gpuexec/g1.hpp"

namespace gpuexec::test {

struct MpzPoint {
  Mpz x, y;
  bool infinity = true;
};

class CurveOracle {
 public:
  CurveOracle()
      : r_("73eda753299d7d483339d80809a1d80553bda402fffe5bfeffffffff00000001"),
        h_("396c8c005555e1568c00aaab0000aaab") {
    g_.x = Mpz(
        "17f1d3a73197d7942695638c4fa9ac0fc3688c4f9774b905a14e3a3f171bac586c55e83ff97a1aeffb3af00adb"
        "22c6bb");
    g_.y = Mpz(
        "08b3f481e3aaa0f1a09e30ed741d8ae4fcf5e095d5d00af600db18cb2c04b3edd03cc744a2888ae40caa232946"
        "c5e7e1");
    g_.infinity = false;
  }
  const GmpOracle& field() const { return f_; }
  const Mpz& p() const { return f_.p(); }
  const Mpz& r() const { return r_; }
  const Mpz& cofactor() const { return h_; }
  const MpzPoint& generator() const { return g_; }

  bool on_curve(const MpzPoint& a) const {
    if (a.infinity) return true;
    Mpz lhs, rhs;
    mpz_mul(lhs.v, a.y.v, a.y.v);
    mpz_mod(lhs.v, lhs.v, p().v);
    mpz_powm_ui(rhs.v, a.x.v, 3, p().v);
    mpz_add_ui(rhs.v, rhs.v, 4);
    mpz_mod(rhs.v, rhs.v, p().v);
    return mpz_cmp(lhs.v, rhs.v) == 0;
  }

  MpzPoint neg(const MpzPoint& a) const {
    MpzPoint out = a;
    if (!a.infinity) {
      mpz_sub(out.y.v, p().v, a.y.v);
      mpz_mod(out.y.v, out.y.v, p().v);
    }
    return out;
  }

  // Chord and tangent: lambda = (y2 - y1) / (x2 - x1), or 3 x^2 / 2y for a doubling.
  MpzPoint add(const MpzPoint& a, const MpzPoint& b) const {
    if (a.infinity) return b;
    if (b.infinity) return a;
    Mpz num, den, lambda;
    if (mpz_cmp(a.x.v, b.x.v) == 0) {
      Mpz sum;
      mpz_add(sum.v, a.y.v, b.y.v);
      mpz_mod(sum.v, sum.v, p().v);
      if (mpz_sgn(sum.v) == 0) return MpzPoint{};  // P + (-P)
      mpz_mul(num.v, a.x.v, a.x.v);
      mpz_mul_ui(num.v, num.v, 3);
      mpz_mul_ui(den.v, a.y.v, 2);
    } else {
      mpz_sub(num.v, b.y.v, a.y.v);
      mpz_sub(den.v, b.x.v, a.x.v);
    }
    mpz_mod(den.v, den.v, p().v);
    mpz_invert(den.v, den.v, p().v);
    mpz_mul(lambda.v, num.v, den.v);
    mpz_mod(lambda.v, lambda.v, p().v);
    MpzPoint out;
    out.infinity = false;
    mpz_mul(out.x.v, lambda.v, lambda.v);
    mpz_sub(out.x.v, out.x.v, a.x.v);
    mpz_sub(out.x.v, out.x.v, b.x.v);
    mpz_mod(out.x.v, out.x.v, p().v);
    mpz_sub(out.y.v, a.x.v, out.x.v);
    mpz_mul(out.y.v, out.y.v, lambda.v);
    mpz_sub(out.y.v, out.y.v, a.y.v);
    mpz_mod(out.y.v, out.y.v, p().v);
    return out;
  }

  // [k] a for k >= 0, high bit first.
  MpzPoint mul(const MpzPoint& a, const Mpz& k) const {
    MpzPoint acc;
    for (long i = static_cast<long>(mpz_sizeinbase(k.v, 2)) - 1; i >= 0; --i) {
      acc = add(acc, acc);
      if (mpz_tstbit(k.v, i)) acc = add(acc, a);
    }
    return acc;
  }

  G1Affine to_library(const MpzPoint& a) const {
    if (a.infinity) return {};
    return {f_.element(a.x), f_.element(a.y)};
  }
  MpzPoint from_library(const G1Affine& a) const {
    MpzPoint out;
    out.infinity = fp::is_zero(a.x) && fp::is_zero(a.y);
    if (!out.infinity) out.x = f_.value(a.x), out.y = f_.value(a.y);
    return out;
  }

  // A point of the curve with a random x, not cofactor-cleared: almost surely outside G1.
  MpzPoint random_curve_point(gmp_randstate_t state) const {
    Mpz rhs, y, check, e;
    mpz_add_ui(e.v, p().v, 1);
    mpz_fdiv_q_2exp(e.v, e.v, 2);  // (p + 1) / 4
    for (;;) {
      MpzPoint out;
      mpz_urandomm(out.x.v, state, p().v);
      mpz_powm_ui(rhs.v, out.x.v, 3, p().v);
      mpz_add_ui(rhs.v, rhs.v, 4);
      mpz_mod(rhs.v, rhs.v, p().v);
      mpz_powm(y.v, rhs.v, e.v, p().v);
      mpz_powm_ui(check.v, y.v, 2, p().v);
      if (mpz_cmp(check.v, rhs.v) != 0) continue;  // x^3 + 4 is not a square
      out.y = y;
      out.infinity = false;
      return out;
    }
  }

  // 48-byte big-endian of a canonical value.
  static std::array<uint8_t, 48> be_bytes(const Mpz& z) {
    std::array<uint8_t, 48> out{};
    size_t count = 0;
    uint8_t buf[48];
    mpz_export(buf, &count, 1, 1, 1, 0, z.v);
    std::copy(buf, buf + count, out.end() - count);
    return out;
  }

 private:
  GmpOracle f_;
  Mpz r_, h_;
  MpzPoint g_;
};

// A random integer below r from GMP.
inline Mpz random_below(gmp_randstate_t state, const Mpz& bound) {
  Mpz z;
  mpz_urandomm(z.v, state, bound.v);
  return z;
}

inline Scalar scalar_of(const Mpz& z) {
  std::array<uint64_t, 4> limbs{};
  size_t count = 0;
  mpz_export(limbs.data(), &count, -1, sizeof(uint64_t), 0, 0, z.v);
  return scalar_from_limbs(limbs);
}

// gmp_randstate_t with RAII.
class GmpRandom {
 public:
  explicit GmpRandom(unsigned long seed) {
    gmp_randinit_mt(state);
    gmp_randseed_ui(state, seed);
  }
  ~GmpRandom() { gmp_randclear(state); }
  gmp_randstate_t state;
};

}  // namespace gpuexec::test
