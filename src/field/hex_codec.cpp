#include "gpuexec/hex_codec.hpp"

#include <algorithm>
#include <array>

#if defined(__SSE2__)
#include <emmintrin.h>
#endif

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

#if defined(__SSE2__)
// Lanes of x that are at most `max` (unsigned).
__m128i at_most(__m128i x, uint8_t max) {
  return _mm_cmpeq_epi8(_mm_min_epu8(x, _mm_set1_epi8(static_cast<char>(max))), x);
}

// 16 hex digits to 8 bytes, sixteen lanes at a time (the whole-length lines of `run`'s files are
// nearly all of its hex parse); false where any is no digit.
bool decode16(const char* text, uint8_t* out) {
  const __m128i v = _mm_loadu_si128(reinterpret_cast<const __m128i*>(text));
  const __m128i digit = _mm_sub_epi8(v, _mm_set1_epi8('0'));
  const __m128i letter = _mm_sub_epi8(_mm_or_si128(v, _mm_set1_epi8(0x20)), _mm_set1_epi8('a'));
  const __m128i is_digit = at_most(digit, 9), is_letter = at_most(letter, 5);
  if (_mm_movemask_epi8(_mm_or_si128(is_digit, is_letter)) != 0xffff) return false;
  const __m128i nibble =
      _mm_or_si128(_mm_and_si128(is_digit, digit),
                   _mm_and_si128(is_letter, _mm_add_epi8(letter, _mm_set1_epi8(10))));
  // Each 16-bit lane holds (high digit, low digit) in its (low, high) byte.
  const __m128i high = _mm_slli_epi16(_mm_and_si128(nibble, _mm_set1_epi16(0xff)), 4);
  const __m128i bytes = _mm_or_si128(high, _mm_srli_epi16(nibble, 8));
  _mm_storel_epi64(reinterpret_cast<__m128i*>(out), _mm_packus_epi16(bytes, bytes));
  return true;
}

// 8 bytes to 16 lowercase hex digits.
void encode8(const uint8_t* in, char* out) {
  const __m128i b = _mm_loadl_epi64(reinterpret_cast<const __m128i*>(in));
  const __m128i low_mask = _mm_set1_epi8(0x0f);
  const __m128i high = _mm_and_si128(_mm_srli_epi16(b, 4), low_mask);
  const __m128i nibble = _mm_unpacklo_epi8(high, _mm_and_si128(b, low_mask));
  const __m128i letters =
      _mm_and_si128(_mm_cmpgt_epi8(nibble, _mm_set1_epi8(9)), _mm_set1_epi8('a' - '0' - 10));
  const __m128i ascii = _mm_add_epi8(_mm_add_epi8(nibble, _mm_set1_epi8('0')), letters);
  _mm_storeu_si128(reinterpret_cast<__m128i*>(out), ascii);
}
#endif
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
#if defined(__SSE2__)
  if (text.size() == 2 * out.size() && out.size() % 8 == 0) {
    bool good = true;
    for (std::size_t k = 0; k < out.size() && good; k += 8) good = decode16(&text[2 * k], &out[k]);
    if (good) return true;  // else the walk below finds the column
  }
#endif
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
  std::size_t i = 0;
#if defined(__SSE2__)
  for (; i + 8 <= in.size(); i += 8) encode8(&in[i], &out[2 + 2 * i]);
#endif
  for (; i < in.size(); ++i) {
    out[2 + 2 * i] = kDigits[in[i] >> 4];
    out[3 + 2 * i] = kDigits[in[i] & 0xf];
  }
}

}  // namespace gpuexec
