// Canonical encodings of Fr: 32-byte big-endian and 0x-prefixed hex (at most 64 digits).
#pragma once

#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>

#include "gpuexec/fr.hpp"

namespace gpuexec {

inline constexpr std::size_t kFrBytes = 32;
inline constexpr std::size_t kFrHexDigits = 64;

// Decodes 32 big-endian bytes; nullopt when the value is not below r.
std::optional<Fr> fr_from_be_bytes(std::span<const uint8_t, kFrBytes> in);
void fr_to_be_bytes(const Fr& a, std::span<uint8_t, kFrBytes> out);
// One hex value (optional 0x, 1..64 digits); nullopt with *why set on failure or a value >= r.
std::optional<Fr> fr_from_hex(std::string_view text, std::string* why);
// "0x" followed by 64 lowercase hex digits.
std::string fr_to_hex(const Fr& a);

}  // namespace gpuexec
