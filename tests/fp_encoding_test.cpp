// Canonical byte and hex encodings: round trips against GMP, and every non-canonical form rejected.
#include <gtest/gtest.h>

#include <array>
#include <random>

#include "gmp_oracle.hpp"
#include "gpuexec/fp_encoding.hpp"
#include "gpuexec/fp_samples.hpp"

namespace gpuexec {
namespace {

using test::GmpOracle;
using test::Mpz;
using Bytes = std::array<uint8_t, kFpBytes>;

Bytes be_bytes_of(const Mpz& z) {
  Bytes out{};
  size_t count = 0;
  uint8_t tmp[kFpBytes + 8] = {};
  mpz_export(tmp, &count, 1, 1, 1, 0, z.v);
  if (count > kFpBytes) throw std::runtime_error("too large for 48 bytes");
  std::copy(tmp, tmp + count, out.begin() + (kFpBytes - count));
  return out;
}

TEST(FpEncoding, BytesRoundTripAgainstGmp) {
  GmpOracle oracle;
  std::mt19937_64 rng(11);
  std::vector<Fp> values = fp_edge_values();
  for (int i = 0; i < 5000; ++i) values.push_back(fp_random(rng));
  for (const Fp& a : values) {
    Bytes bytes{};
    fp_to_be_bytes(a, bytes);
    EXPECT_EQ(bytes, be_bytes_of(oracle.value(a)));
    auto back = fp_from_be_bytes(bytes);
    ASSERT_TRUE(back.has_value());
    EXPECT_EQ(*back, a);
  }
}

TEST(FpEncoding, HexRoundTripAgainstGmp) {
  GmpOracle oracle;
  std::mt19937_64 rng(12);
  for (int i = 0; i < 2000; ++i) {
    const Fp a = fp_random(rng);
    const std::string hex = fp_to_hex(a);
    ASSERT_EQ(hex.size(), 98u);
    std::string expected = GmpOracle::hex(oracle.value(a));
    expected.insert(0, 96 - expected.size(), '0');
    EXPECT_EQ(hex, "0x" + expected);
    std::string why;
    EXPECT_EQ(fp_from_hex(hex, &why), a) << why;
  }
}

TEST(FpEncoding, OneIsRModP) {
  std::string why;
  auto one = fp_from_hex("1", &why);
  ASSERT_TRUE(one.has_value());
  EXPECT_EQ(*one, fp::kOne);
}

TEST(FpEncoding, HexAcceptsPrefixCaseAndShortForms) {
  std::string why;
  const auto a = fp_from_hex("0xABcdEF", &why);
  const auto b = fp_from_hex("0Xabcdef", &why);
  const auto c = fp_from_hex("00000abcdef", &why);
  ASSERT_TRUE(a && b && c);
  EXPECT_EQ(*a, *b);
  EXPECT_EQ(*a, *c);
  EXPECT_TRUE(fp_from_hex(std::string(96, '0'), &why).has_value());
}

TEST(FpEncoding, RejectsNonCanonicalBytes) {
  GmpOracle oracle;
  // p, p+1, p + 2^64, 2^381, 2^384 - 1 and values with each top bit set.
  std::vector<Mpz> bad;
  for (unsigned long k : {0ul, 1ul, 2ul, 12345ul}) {
    Mpz z;
    mpz_add_ui(z.v, oracle.p().v, k);
    bad.push_back(z);
  }
  for (unsigned bit : {381u, 382u, 383u}) {
    Mpz z;
    mpz_ui_pow_ui(z.v, 2, bit);
    bad.push_back(z);
  }
  Mpz all_ones;
  mpz_ui_pow_ui(all_ones.v, 2, 384);
  mpz_sub_ui(all_ones.v, all_ones.v, 1);
  bad.push_back(all_ones);
  for (const Mpz& z : bad) {
    EXPECT_FALSE(fp_from_be_bytes(be_bytes_of(z)).has_value()) << GmpOracle::hex(z);
    std::string why;
    EXPECT_FALSE(fp_from_hex(GmpOracle::hex(z), &why).has_value()) << GmpOracle::hex(z);
    EXPECT_NE(why.find("non-canonical"), std::string::npos) << why;
  }
  // Just below p is fine.
  Mpz pm1;
  mpz_sub_ui(pm1.v, oracle.p().v, 1);
  EXPECT_TRUE(fp_from_be_bytes(be_bytes_of(pm1)).has_value());
}

TEST(FpEncoding, RejectsMalformedHex) {
  std::string why;
  EXPECT_FALSE(fp_from_hex("", &why));
  EXPECT_NE(why.find("no hex digits"), std::string::npos);
  EXPECT_FALSE(fp_from_hex("0x", &why));
  EXPECT_FALSE(fp_from_hex(std::string(97, '0'), &why));
  EXPECT_NE(why.find("too long"), std::string::npos);
  EXPECT_FALSE(fp_from_hex("0x12g4", &why));
  EXPECT_NE(why.find("column 5"), std::string::npos) << why;
  EXPECT_FALSE(fp_from_hex("-1", &why));
  EXPECT_FALSE(fp_from_hex("1 2", &why));
  EXPECT_FALSE(fp_from_hex("0x0x1", &why));
}

}  // namespace
}  // namespace gpuexec
