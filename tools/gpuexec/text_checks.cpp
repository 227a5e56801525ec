#include "text_checks.hpp"

#include <fmt/format.h>

#include <cctype>

namespace gpuexec::cli {

namespace {
// Whether s is well-formed UTF-8 (a text file in any language, not binary data).
bool valid_utf8(std::string_view s) {
  for (std::size_t i = 0; i < s.size();) {
    const auto c = static_cast<unsigned char>(s[i]);
    const std::size_t len = c < 0x80         ? 1
                            : (c >> 5) == 6  ? 2
                            : (c >> 4) == 14 ? 3
                            : (c >> 3) == 30 ? 4
                                             : 0;
    if (len == 0 || i + len > s.size()) return false;
    for (std::size_t k = 1; k < len; ++k) {
      if ((static_cast<unsigned char>(s[i + k]) >> 6) != 2) return false;
    }
    i += len;
  }
  return true;
}

// Whether a file read as bin holds only hex text (digits, 0x prefixes, whitespace).
bool looks_like_hex_text(std::string_view bytes) {
  if (bytes.empty()) return false;
  for (char c : bytes) {
    if (!std::isxdigit(static_cast<unsigned char>(c)) && c != 'x' && c != 'X' && c != '\n' &&
        !is_space(c)) {
      return false;
    }
  }
  return true;
}

}  // namespace

bool is_space(char c) {
  return c == ' ' || c == '\t' || c == '\r' || c == '\v' || c == '\f';
}

std::string_view trim(std::string_view s) {
  while (!s.empty() && is_space(s.front())) s.remove_prefix(1);
  while (!s.empty() && is_space(s.back())) s.remove_suffix(1);
  return s;
}

// Why a hex line failed when the cause is not a bad digit: binary data or a stray BOM.
std::string explain_bad_line(std::string_view line, const std::string& why,
                             std::size_t element_bytes) {
  if (line.find('\0') != std::string_view::npos) {
    return fmt::format(
        "contains a NUL byte: this looks like a binary file (--format bin reads {}-byte "
        "big-endian elements)",
        element_bytes);
  }
  for (std::size_t i = 0; i < line.size(); ++i) {
    const auto c = static_cast<unsigned char>(line[i]);
    if ((c < 0x20 && !is_space(line[i])) || c == 0x7f) {
      return fmt::format(
          "control byte 0x{:02x} at column {}: this looks like a binary file (--format bin reads "
          "{}-byte big-endian elements)",
          c, i + 1, element_bytes);
    }
  }
  if (const std::size_t at = line.find(kBom); at != std::string_view::npos) {
    return fmt::format(
        "UTF-8 byte order mark at column {} (one is skipped only at the start of "
        "the file)",
        at + 1);
  }
  if (!valid_utf8(line)) {
    return fmt::format(
        "bytes that are not text (not UTF-8): this looks like a binary file (--format bin reads "
        "{}-byte big-endian elements)",
        element_bytes);
  }
  return why;
}

std::string hex_hint(std::string_view bytes) {
  return looks_like_hex_text(bytes) ? " (the file looks like hex text: use --format hex)" : "";
}

}  // namespace gpuexec::cli
