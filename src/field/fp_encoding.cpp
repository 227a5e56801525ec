#include "gpuexec/fp_encoding.hpp"

#include "gpuexec/hex_codec.hpp"

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

bool fp_hex_to_be_bytes(std::string_view text, std::span<uint8_t, kFpBytes> out, std::string* why) {
  return hex_to_be_bytes(text, out, why);
}

void fp_be_bytes_to_hex(std::span<const uint8_t, kFpBytes> in,
                        std::span<char, 2 + kFpHexDigits> out) {
  be_bytes_to_hex(in, out);
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
