#include "gpuexec/fr_encoding.hpp"

#include <array>

#include "gpuexec/hex_codec.hpp"

namespace gpuexec {

std::optional<Fr> fr_from_be_bytes(std::span<const uint8_t, kFrBytes> in) {
  fr::Limbs x{};
  for (std::size_t i = 0; i < kFrBytes; ++i) {
    const std::size_t bit = 8 * (kFrBytes - 1 - i);
    x[bit / 64] |= static_cast<uint64_t>(in[i]) << (bit % 64);
  }
  if (!fr::is_canonical(x)) return std::nullopt;
  return fr::to_montgomery(x);
}

void fr_to_be_bytes(const Fr& a, std::span<uint8_t, kFrBytes> out) {
  const fr::Limbs x = fr::from_montgomery(a);
  for (std::size_t i = 0; i < kFrBytes; ++i) {
    const std::size_t bit = 8 * (kFrBytes - 1 - i);
    out[i] = static_cast<uint8_t>(x[bit / 64] >> (bit % 64));
  }
}

std::optional<Fr> fr_from_hex(std::string_view text, std::string* why) {
  std::array<uint8_t, kFrBytes> bytes;
  if (!hex_to_be_bytes(text, bytes, why)) return std::nullopt;
  auto value = fr_from_be_bytes(bytes);
  if (!value && why) *why = "value is not below the field modulus r (non-canonical)";
  return value;
}

std::string fr_to_hex(const Fr& a) {
  std::array<uint8_t, kFrBytes> bytes;
  fr_to_be_bytes(a, bytes);
  std::string s(2 + kFrHexDigits, '0');
  be_bytes_to_hex(bytes, s);
  return s;
}

}  // namespace gpuexec
