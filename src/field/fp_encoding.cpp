#include "gpuexec/fp_encoding.hpp"

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
int hex_digit(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}
}  // namespace

std::optional<Fp> fp_from_hex(std::string_view text, std::string* why) {
  auto fail = [&](std::string reason) -> std::optional<Fp> {
    if (why) *why = std::move(reason);
    return std::nullopt;
  };
  std::size_t prefix = 0;
  if (text.size() >= 2 && text[0] == '0' && (text[1] == 'x' || text[1] == 'X')) prefix = 2;
  text.remove_prefix(prefix);
  if (text.empty()) return fail("no hex digits");
  if (text.size() > kFpHexDigits) {
    return fail("too long: " + std::to_string(text.size()) + " hex digits, at most 96");
  }
  Limbs x{};
  for (std::size_t i = 0; i < text.size(); ++i) {
    const int d = hex_digit(text[i]);
    if (d < 0) return fail("not a hex digit at column " + std::to_string(prefix + i + 1));
    const std::size_t bit = 4 * (text.size() - 1 - i);
    x[bit / 64] |= static_cast<uint64_t>(d) << (bit % 64);
  }
  if (!fp::is_canonical(x)) return fail("value is not below the field modulus p (non-canonical)");
  return fp::to_montgomery(x);
}

std::string fp_to_hex(const Fp& a) {
  static constexpr char kDigits[] = "0123456789abcdef";
  const Limbs x = fp::from_montgomery(a);
  std::string s(2 + kFpHexDigits, '0');
  s[1] = 'x';
  for (std::size_t i = 0; i < kFpHexDigits; ++i) {
    const std::size_t bit = 4 * (kFpHexDigits - 1 - i);
    s[2 + i] = kDigits[(x[bit / 64] >> (bit % 64)) & 0xf];
  }
  return s;
}

}  // namespace gpuexec
