// Canonical encodings of Fp: 48-byte big-endian (zcash / IETF style) and 0x-prefixed hex.
#pragma once

#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>

#include "gpuexec/fp.hpp"

namespace gpuexec {

inline constexpr std::size_t kFpBytes = 48;
inline constexpr std::size_t kFpHexDigits = 96;

// Decodes 48 big-endian bytes; nullopt when the value is not below p.
std::optional<Fp> fp_from_be_bytes(std::span<const uint8_t, kFpBytes> in);
void fp_to_be_bytes(const Fp& a, std::span<uint8_t, kFpBytes> out);

// Parses one hex value: optional 0x/0X prefix, 1..96 hex digits of either case.
// On failure returns nullopt and sets *why to a short reason.
std::optional<Fp> fp_from_hex(std::string_view text, std::string* why);
// The hex codec without Montgomery conversion (for encoded jobs): the same text rules as
// fp_from_hex into the 48-byte big-endian encoding, the value not checked against p; and the
// encoding as "0x" and 96 lowercase digits.
bool fp_hex_to_be_bytes(std::string_view text, std::span<uint8_t, kFpBytes> out, std::string* why);
void fp_be_bytes_to_hex(std::span<const uint8_t, kFpBytes> in,
                        std::span<char, 2 + kFpHexDigits> out);
// "0x" followed by 96 lowercase hex digits.
std::string fp_to_hex(const Fp& a);

}  // namespace gpuexec
