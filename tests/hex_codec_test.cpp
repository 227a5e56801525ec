// The hex text codec of both field widths against a plain reference (snprintf's %02x): whole-
// length lines (the vectorised path) and short ones, both cases, and the column of a bad digit.
#include <gtest/gtest.h>

#include <cstdio>
#include <random>
#include <string>
#include <vector>

#include "gpuexec/hex_codec.hpp"

namespace gpuexec {
namespace {

std::string reference_hex(const std::vector<uint8_t>& bytes) {
  std::string out = "0x";
  for (uint8_t b : bytes) {
    char two[3];
    std::snprintf(two, sizeof two, "%02x", b);
    out += two;
  }
  return out;
}

class HexCodec : public testing::TestWithParam<std::size_t> {};  // bytes: Fp 48, Fr 32

TEST_P(HexCodec, RoundTripsEveryByteAtEveryPosition) {
  const std::size_t width = GetParam();
  std::mt19937_64 rng(width);
  for (int round = 0; round < 256 + 200; ++round) {
    std::vector<uint8_t> bytes(width);
    for (std::size_t i = 0; i < width; ++i) {
      // First every byte value in every position, then random values.
      bytes[i] = round < 256 ? static_cast<uint8_t>(round + i) : static_cast<uint8_t>(rng());
    }
    std::string text(2 + 2 * width, '?');
    be_bytes_to_hex(bytes, text);
    ASSERT_EQ(text, reference_hex(bytes));
    for (const bool upper : {false, true}) {
      std::string t = text;
      if (upper) {
        for (std::size_t i = 2; i < t.size(); ++i) t[i] = static_cast<char>(std::toupper(t[i]));
      }
      std::vector<uint8_t> back(width, 0xee);
      std::string why;
      ASSERT_TRUE(hex_to_be_bytes(t, back, &why)) << t << ": " << why;
      EXPECT_EQ(back, bytes) << t;
      // Without the prefix, and one digit short (a zero-padded value of the last digits).
      ASSERT_TRUE(hex_to_be_bytes(std::string_view(t).substr(2), back, &why)) << why;
      EXPECT_EQ(back, bytes);
      ASSERT_TRUE(hex_to_be_bytes(std::string_view(t).substr(3), back, &why)) << why;
      std::vector<uint8_t> short_value = bytes;
      short_value[0] &= 0x0f;
      EXPECT_EQ(back, short_value);
    }
  }
}

TEST_P(HexCodec, NamesTheColumnOfEveryBadDigit) {
  const std::size_t width = GetParam();
  const std::string good = "0x" + std::string(2 * width, '7');
  // Bytes next to the digit ranges, and the separators a file might hold.
  for (const char c : {'/', ':', '@', 'G', '`', 'g', ' ', '\n', '\0', '\xff', 'x'}) {
    for (std::size_t col = 2; col < good.size(); ++col) {
      std::string t = good;
      t[col] = c;
      std::vector<uint8_t> out(width);
      std::string why;
      ASSERT_FALSE(hex_to_be_bytes(t, out, &why)) << "column " << col + 1 << " byte " << int(c);
      EXPECT_EQ(why, "not a hex digit at column " + std::to_string(col + 1));
    }
  }
}

INSTANTIATE_TEST_SUITE_P(Widths, HexCodec, testing::Values(std::size_t{48}, std::size_t{32}));

}  // namespace
}  // namespace gpuexec
