#include "gpuexec/fp_encoding.hpp"

#include <algorithm>
#include <array>

namespace gpuexec {

std::optional<Fp> fp_from_be_bytes(std::span<const uint8_t, kFpBytes> in) {
  Limbs x{};
  for (std::size_t i = 0; i < kFpBytes; ++i) {
    const std::size_t bit = 8 * (kFpBytes - 1 - i);
    x[bit / 64] |= static_cast<uint64_t>(in[i]) << (bit % 64);
  }
  if (!fp::is_canonical(x)) return std::nullopt;
  return fp::to_montgomery(x);
}

void fp_to_be_bytes(const Fp& a, std::span<uint8_t, kFpBytes> out) {
  const Limbs x = fp::from_montgomery(a);
  for (std::size_t i = 0; i < kFpBytes; ++i) {
    const std::size_t bit = 8 * (kFpBytes - 1 - i);
    out[i] = static_cast<uint8_t>(x[bit / 64] >> (bit % 64));
  }
}

namespace {
// Each byte's hex digit value, 0xff for a byte that is not one.
constexpr std::array<uint8_t, 256> kHexValue = [] {
  std::array<uint8_t, 256> t{};
  t.fill(0xff);
  for (int c = 0; c < 10; ++c) t['0' + c] = static_cast<uint8_t>(c);
  for (int c = 0; c < 6; ++c) t['a' + c] = t['A' + c] = static_cast<uint8_t>(10 + c);
  return t;
}();
}  // namespace

bool fp_hex_to_be_bytes(std::string_view text, std::span<uint8_t, kFpBytes> out, std::string* why) {
  auto fail = [&](std::string reason) {
    if (why) *why = std::move(reason);
    return false;
  };
  std::size_t prefix = 0;
  if (text.size() >= 2 && text[0] == '0' && (text[1] == 'x' || text[1] == 'X')) prefix = 2;
  text.remove_prefix(prefix);
  if (text.empty()) return fail("no hex digits");
  if (text.size() > kFpHexDigits) {
    return fail("too long: " + std::to_string(text.size()) + " hex digits, at most 96");
  }
  // Two digits a byte from the right; an invalid digit's 0xff sets bit 7 of `bad`, and only
  // then is the text walked again for the column to report.
  std::fill(out.begin(), out.end(), uint8_t{0});
  const auto value = [&](std::size_t i) { return kHexValue[static_cast<unsigned char>(text[i])]; };
  uint8_t bad = 0;
  std::size_t i = text.size(), byte = kFpBytes;
  for (; i >= 2; i -= 2) {
    const uint8_t lo = value(i - 1), hi = value(i - 2);
    bad |= lo | hi;
    out[--byte] = static_cast<uint8_t>((hi << 4) | (lo & 0xf));
  }
  if (i == 1) {
    bad |= value(0);
    out[--byte] = value(0) & 0xf;
  }
  if (bad & 0x80) {
    for (std::size_t k = 0; k < text.size(); ++k) {
      if (value(k) & 0x80)
        return fail("not a hex digit at column " + std::to_string(prefix + k + 1));
    }
  }
  return true;
}

void fp_be_bytes_to_hex(std::span<const uint8_t, kFpBytes> in,
                        std::span<char, 2 + kFpHexDigits> out) {
  static constexpr char kDigits[] = "0123456789abcdef";
  out[0] = '0';
  out[1] = 'x';
  for (std::size_t i = 0; i < kFpBytes; ++i) {
    out[2 + 2 * i] = kDigits[in[i] >> 4];
    out[3 + 2 * i] = kDigits[in[i] & 0xf];
  }
}

std::optional<Fp> fp_from_hex(std::string_view text, std::string* why) {
  std::array<uint8_t, kFpBytes> bytes;
  if (!fp_hex_to_be_bytes(text, bytes, why)) return std::nullopt;
  auto value = fp_from_be_bytes(bytes);
  if (!value && why) *why = "value is not below the field modulus p (non-canonical)";
  return value;
}

std::string fp_to_hex(const Fp& a) {
  std::array<uint8_t, kFpBytes> bytes;
  fp_to_be_bytes(a, bytes);
  std::string s(2 + kFpHexDigits, '0');
  fp_be_bytes_to_hex(bytes, std::span<char, 2 + kFpHexDigits>(s.data(), s.size()));
  return s;
}

}  // namespace gpuexec
