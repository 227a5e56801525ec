// Hex text <-> big-endian bytes for the canonical encodings of every field (Fp 48 bytes, Fr 32):
// the text rules of the files, with no field arithmetic. The field's own encoding header adds
// the check against its modulus and the Montgomery conversion.
#pragma once

#include <cstdint>
#include <span>
#include <string>
#include <string_view>

namespace gpuexec {

// One value: optional 0x/0X prefix, then 1 .. 2 * out.size() hex digits of either case, into
// out (big-endian, zero-padded on the left). The value is not checked against any modulus. On
// failure returns false and sets *why to a short reason.
bool hex_to_be_bytes(std::string_view text, std::span<uint8_t> out, std::string* why);

// "0x" and 2 * in.size() lowercase digits into out (out.size() == 2 + 2 * in.size()).
void be_bytes_to_hex(std::span<const uint8_t> in, std::span<char> out);

}  // namespace gpuexec
