#include "gpuexec/hex_codec.hpp"

#include <algorithm>
#include <array>

namespace gpuexec {

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

bool hex_to_be_bytes(std::string_view text, std::span<uint8_t> out, std::string* why) {
  auto fail = [&](std::string reason) {
    if (why) *why = std::move(reason);
    return false;
  };
  std::size_t prefix = 0;
  if (text.size() >= 2 && text[0] == '0' && (text[1] == 'x' || text[1] == 'X')) prefix = 2;
  text.remove_prefix(prefix);
  if (text.empty()) return fail("no hex digits");
  if (text.size() > 2 * out.size()) {
    return fail("too long: " + std::to_string(text.size()) + " hex digits, at most " +
                std::to_string(2 * out.size()));
  }
  // Two digits a byte from the right; an invalid digit's 0xff sets bit 7 of `bad`, and only
  // then is the text walked again for the column to report.
  std::fill(out.begin(), out.end(), uint8_t{0});
  const auto value = [&](std::size_t i) { return kHexValue[static_cast<unsigned char>(text[i])]; };
  uint8_t bad = 0;
  std::size_t i = text.size(), byte = out.size();
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

void be_bytes_to_hex(std::span<const uint8_t> in, std::span<char> out) {
  static constexpr char kDigits[] = "0123456789abcdef";
  out[0] = '0';
  out[1] = 'x';
  for (std::size_t i = 0; i < in.size(); ++i) {
    out[2 + 2 * i] = kDigits[in[i] >> 4];
    out[3 + 2 * i] = kDigits[in[i] & 0xf];
  }
}

}  // namespace gpuexec
