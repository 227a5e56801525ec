// zcash / IETF G1 encodings: known vectors, encodings built byte by byte from the GMP oracle's
// affine multiples, round trips, and every rejection reason.
#include <gtest/gtest.h>

#include <array>
#include <set>
#include <string>

#include "g1_oracle.hpp"
#include "gpuexec/g1_encoding.hpp"

namespace gpuexec {
namespace {

using test::CurveOracle;
using test::GmpRandom;
using test::Mpz;
using test::MpzPoint;

using Compressed = std::array<uint8_t, kG1CompressedBytes>;
using Uncompressed = std::array<uint8_t, kG1UncompressedBytes>;

std::string to_hex(std::span<const uint8_t> bytes) {
  static const char* digits = "0123456789abcdef";
  std::string s;
  for (uint8_t b : bytes) s += digits[b >> 4], s += digits[b & 15];
  return s;
}

class G1Encoding : public ::testing::Test {
 protected:
  CurveOracle oracle;
  GmpRandom rnd{777};

  // The encodings of an oracle point, built here from the zcash rules.
  Compressed oracle_compressed(const MpzPoint& a) {
    Compressed out{};
    if (a.infinity) {
      out[0] = 0xc0;
      return out;
    }
    out = CurveOracle::be_bytes(a.x);
    out[0] |= 0x80;
    Mpz other;
    mpz_sub(other.v, oracle.p().v, a.y.v);
    if (mpz_cmp(a.y.v, other.v) > 0) out[0] |= 0x20;
    return out;
  }
  Uncompressed oracle_uncompressed(const MpzPoint& a) {
    Uncompressed out{};
    if (a.infinity) {
      out[0] = 0x40;
      return out;
    }
    const auto x = CurveOracle::be_bytes(a.x), y = CurveOracle::be_bytes(a.y);
    std::copy(x.begin(), x.end(), out.begin());
    std::copy(y.begin(), y.end(), out.begin() + 48);
    return out;
  }
  Compressed compress(const G1Affine& p) {
    Compressed out;
    g1_to_compressed(p, out);
    return out;
  }
  Uncompressed uncompress(const G1Affine& p) {
    Uncompressed out;
    g1_to_uncompressed(p, out);
    return out;
  }
  G1DecodeError decode(const Compressed& in, G1Check check = G1Check::Subgroup) {
    G1Affine out{fp::kOne, fp::kOne};
    const G1Affine before = out;
    const G1DecodeError e = g1_from_compressed(in, out, check);
    if (e != G1DecodeError::Ok) {
      EXPECT_EQ(out, before) << "refused decode wrote its output";
    }
    return e;
  }
  G1DecodeError decode(const Uncompressed& in, G1Check check = G1Check::Subgroup) {
    G1Affine out{fp::kOne, fp::kOne};
    const G1Affine before = out;
    const G1DecodeError e = g1_from_uncompressed(in, out, check);
    if (e != G1DecodeError::Ok) {
      EXPECT_EQ(out, before) << "refused decode wrote its output";
    }
    return e;
  }
  // A curve point outside G1 (random x, no cofactor clearing).
  MpzPoint outside_point() {
    for (;;) {
      MpzPoint q = oracle.random_curve_point(rnd.state);
      if (!oracle.mul(q, oracle.r()).infinity) return q;
    }
  }
};

TEST_F(G1Encoding, GeneratorKnownVectors) {
  const G1Affine g = g1::generator();
  EXPECT_EQ(to_hex(compress(g)),
            "97f1d3a73197d7942695638c4fa9ac0fc3688c4f9774b905a14e3a3f171bac586c55e83ff97a1aeffb3af0"
            "0adb22c6bb");
  EXPECT_EQ(to_hex(uncompress(g)),
            "17f1d3a73197d7942695638c4fa9ac0fc3688c4f9774b905a14e3a3f171bac586c55e83ff97a1aeffb3af0"
            "0adb22c6bb08b3f481e3aaa0f1a09e30ed741d8ae4fcf5e095d5d00af600db18cb2c04b3edd03cc744a288"
            "8ae40caa232946c5e7e1");
  // -G has the larger y: the sort bit.
  EXPECT_EQ(compress(g1::neg(g))[0], 0xb7);
  G1Affine back;
  ASSERT_EQ(g1_from_compressed(compress(g1::neg(g)), back), G1DecodeError::Ok);
  EXPECT_EQ(back, g1::neg(g));
}

TEST_F(G1Encoding, SmallAndRandomMultiplesMatchTheOracleBytes) {
  MpzPoint kg;
  std::vector<MpzPoint> points;
  for (int k = 1; k <= 12; ++k) {
    kg = oracle.add(kg, oracle.generator());
    points.push_back(kg);
  }
  for (int i = 0; i < 12; ++i) {
    points.push_back(oracle.mul(oracle.generator(), test::random_below(rnd.state, oracle.r())));
  }
  int larger = 0;
  for (const MpzPoint& a : points) {
    const G1Affine p = oracle.to_library(a);
    const Compressed c = compress(p);
    const Uncompressed u = uncompress(p);
    EXPECT_EQ(to_hex(c), to_hex(oracle_compressed(a)));
    EXPECT_EQ(to_hex(u), to_hex(oracle_uncompressed(a)));
    larger += (c[0] & 0x20) != 0;
    G1Affine back;
    ASSERT_EQ(g1_from_compressed(c, back), G1DecodeError::Ok);
    EXPECT_EQ(back, p);
    ASSERT_EQ(g1_from_uncompressed(u, back), G1DecodeError::Ok);
    EXPECT_EQ(back, p);
  }
  EXPECT_GT(larger, 3);  // both sort-bit values seen
  EXPECT_LT(larger, static_cast<int>(points.size()) - 3);
}

TEST_F(G1Encoding, Infinity) {
  const G1Affine inf{};
  Compressed c{};
  c[0] = 0xc0;
  Uncompressed u{};
  u[0] = 0x40;
  EXPECT_EQ(compress(inf), c);
  EXPECT_EQ(uncompress(inf), u);
  G1Affine back{fp::kOne, fp::kOne};
  ASSERT_EQ(g1_from_compressed(c, back), G1DecodeError::Ok);
  EXPECT_TRUE(g1::is_infinity(back));
  back = {fp::kOne, fp::kOne};
  ASSERT_EQ(g1_from_uncompressed(u, back), G1DecodeError::Ok);
  EXPECT_TRUE(g1::is_infinity(back));
}

TEST_F(G1Encoding, EveryRejectionReason) {
  const G1Affine g = g1::generator();
  const Compressed gc = compress(g);
  const Uncompressed gu = uncompress(g);

  // Flags: compressed without the compression bit; uncompressed with it or with the sort bit.
  Compressed c = gc;
  c[0] &= 0x7f;
  EXPECT_EQ(decode(c), G1DecodeError::BadFlags);
  Uncompressed u = gu;
  u[0] |= 0x80;
  EXPECT_EQ(decode(u), G1DecodeError::BadFlags);
  u = gu;
  u[0] |= 0x20;
  EXPECT_EQ(decode(u), G1DecodeError::BadFlags);

  // Infinity with any other bit set: the sort bit, a coordinate bit, the last byte.
  for (int where : {0, 1, 47}) {
    Compressed ci{};
    ci[0] = 0xc0;
    ci[where] |= where == 0 ? 0x20 : 0x01;
    EXPECT_EQ(decode(ci), G1DecodeError::InfinityNotZero) << where;
  }
  for (int where : {0, 5, 48, 95}) {
    Uncompressed ui{};
    ui[0] = 0x40;
    ui[where] |= where == 0 ? 0x01 : 0x80;
    EXPECT_EQ(decode(ui), G1DecodeError::InfinityNotZero) << where;
  }

  // Coordinates not below p: x = p, x = 2^381 - 1 (flag bits clear of it), y = p.
  const auto p_bytes = CurveOracle::be_bytes(oracle.p());
  c = p_bytes;
  c[0] |= 0x80;
  EXPECT_EQ(decode(c), G1DecodeError::CoordinateNotBelowP);
  c.fill(0xff);
  c[0] = 0x9f;
  EXPECT_EQ(decode(c), G1DecodeError::CoordinateNotBelowP);
  u = gu;
  std::copy(p_bytes.begin(), p_bytes.end(), u.begin());
  EXPECT_EQ(decode(u), G1DecodeError::CoordinateNotBelowP);
  u = gu;
  std::copy(p_bytes.begin(), p_bytes.end(), u.begin() + 48);
  EXPECT_EQ(decode(u), G1DecodeError::CoordinateNotBelowP);

  // x with no square root: try x = 1, 2, ... until x^3 + 4 is a non-residue.
  int no_root = 0;
  for (unsigned long x = 1; no_root < 3; ++x) {
    Mpz xv, rhs;
    mpz_set_ui(xv.v, x);
    mpz_pow_ui(rhs.v, xv.v, 3);
    mpz_add_ui(rhs.v, rhs.v, 4);
    if (mpz_legendre(rhs.v, oracle.p().v) != -1) continue;
    c = CurveOracle::be_bytes(xv);
    c[0] |= 0x80;
    EXPECT_EQ(decode(c), G1DecodeError::NoSquareRoot) << x;
    ++no_root;
  }

  // Not on the curve: G's x with y + 1, and (0, 0) written out (not the infinity encoding).
  u = gu;
  u[95] ^= 1;
  EXPECT_EQ(decode(u), G1DecodeError::NotOnCurve);
  EXPECT_EQ(decode(u, G1Check::OnCurve), G1DecodeError::NotOnCurve);
  EXPECT_EQ(decode(Uncompressed{}), G1DecodeError::NotOnCurve);

  // On the curve, outside G1: refused by default, accepted when only the curve is asked for.
  for (int i = 0; i < 3; ++i) {
    const MpzPoint q = outside_point();
    const G1Affine lq = oracle.to_library(q);
    EXPECT_EQ(decode(compress(lq)), G1DecodeError::NotInSubgroup);
    EXPECT_EQ(decode(uncompress(lq)), G1DecodeError::NotInSubgroup);
    G1Affine back;
    ASSERT_EQ(g1_from_compressed(compress(lq), back, G1Check::OnCurve), G1DecodeError::Ok);
    EXPECT_EQ(back, lq);
    ASSERT_EQ(g1_from_uncompressed(uncompress(lq), back, G1Check::OnCurve), G1DecodeError::Ok);
    EXPECT_EQ(back, lq);
  }
  // (0, 2), of order 3, compressed as x = 0 with the compression bit alone.
  Compressed zero_x{};
  zero_x[0] = 0x80;
  EXPECT_EQ(decode(zero_x), G1DecodeError::NotInSubgroup);
  EXPECT_EQ(decode(zero_x, G1Check::OnCurve), G1DecodeError::Ok);

  // Every reason has its own message.
  std::set<std::string_view> messages;
  for (auto e : {G1DecodeError::Ok, G1DecodeError::BadFlags, G1DecodeError::InfinityNotZero,
                 G1DecodeError::CoordinateNotBelowP, G1DecodeError::NoSquareRoot,
                 G1DecodeError::NotOnCurve, G1DecodeError::NotInSubgroup}) {
    messages.insert(g1_decode_error_message(e));
  }
  EXPECT_EQ(messages.size(), 7u);
}

}  // namespace
}  // namespace gpuexec
