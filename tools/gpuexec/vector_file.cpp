#include "vector_file.hpp"

#include <fmt/format.h>

#include <cctype>

#include "gpuexec/fp_encoding.hpp"
#include "input_error.hpp"
#include "read_file.hpp"

namespace gpuexec::cli {

std::optional<FileFormat> parse_format(std::string_view name) {
  if (name == "hex") return FileFormat::Hex;
  if (name == "bin") return FileFormat::Bin;
  return std::nullopt;
}

namespace {

bool is_space(char c) {
  return c == ' ' || c == '\t' || c == '\r' || c == '\v' || c == '\f';
}

std::string_view trim(std::string_view s) {
  while (!s.empty() && is_space(s.front())) s.remove_prefix(1);
  while (!s.empty() && is_space(s.back())) s.remove_suffix(1);
  return s;
}

constexpr std::string_view kBom = "\xEF\xBB\xBF";

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

// Why a hex line failed when the cause is not a bad digit: binary data or a stray BOM.
std::string explain_bad_line(std::string_view line, const std::string& why) {
  if (line.find('\0') != std::string_view::npos) {
    return "contains a NUL byte: this looks like a binary file (--format bin reads 48-byte "
           "big-endian elements)";
  }
  for (std::size_t i = 0; i < line.size(); ++i) {
    const auto c = static_cast<unsigned char>(line[i]);
    if ((c < 0x20 && !is_space(line[i])) || c == 0x7f) {
      return fmt::format(
          "control byte 0x{:02x} at column {}: this looks like a binary file (--format bin reads "
          "48-byte big-endian elements)",
          c, i + 1);
    }
  }
  if (const std::size_t at = line.find(kBom); at != std::string_view::npos) {
    return fmt::format(
        "UTF-8 byte order mark at column {} (one is skipped only at the start of "
        "the file)",
        at + 1);
  }
  if (!valid_utf8(line)) {
    return "bytes that are not text (not UTF-8): this looks like a binary file (--format bin "
           "reads 48-byte big-endian elements)";
  }
  return why;
}

std::vector<Fp> parse_hex(std::string_view bytes, const std::string& label) {
  // A UTF-8 byte order mark (as some Windows editors write) is skipped at the start only.
  if (bytes.starts_with(kBom)) bytes.remove_prefix(kBom.size());
  std::vector<Fp> out;
  out.reserve(bytes.size() / (kFpHexDigits + 3));
  std::size_t line_no = 0;
  while (!bytes.empty()) {
    ++line_no;
    const std::size_t end = bytes.find('\n');
    const std::string_view raw = bytes.substr(0, end);
    bytes.remove_prefix(end == std::string_view::npos ? bytes.size() : end + 1);
    const std::string_view line = trim(raw);
    if (line.empty()) continue;
    std::string why;
    auto value = fp_from_hex(line, &why);
    if (!value) {
      throw InputError(fmt::format("{}:{}: {}", label, line_no, explain_bad_line(raw, why)));
    }
    out.push_back(*value);
  }
  return out;
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

std::string hex_hint(std::string_view bytes) {
  return looks_like_hex_text(bytes) ? " (the file looks like hex text: use --format hex)" : "";
}

std::vector<Fp> parse_bin(std::string_view bytes, const std::string& label) {
  if (bytes.size() % kFpBytes != 0) {
    throw InputError(
        fmt::format("{}: element {}: truncated: file length {} bytes is not a multiple of {}{}",
                    label, bytes.size() / kFpBytes, bytes.size(), kFpBytes, hex_hint(bytes)));
  }
  std::vector<Fp> out(bytes.size() / kFpBytes);
  for (std::size_t i = 0; i < out.size(); ++i) {
    auto chunk = std::span<const uint8_t, kFpBytes>(
        reinterpret_cast<const uint8_t*>(bytes.data()) + i * kFpBytes, kFpBytes);
    auto value = fp_from_be_bytes(chunk);
    if (!value) {
      throw InputError(
          fmt::format("{}: element {}: value is not below the field modulus p (non-canonical){}",
                      label, i, hex_hint(bytes)));
    }
    out[i] = *value;
  }
  return out;
}

}  // namespace

std::vector<Fp> parse_vector(std::string_view bytes, FileFormat format, const std::string& label) {
  return format == FileFormat::Hex ? parse_hex(bytes, label) : parse_bin(bytes, label);
}

std::vector<Fp> read_vector_file(const std::string& path, FileFormat format) {
  return parse_vector(read_whole_file(path), format, path);
}

std::string encode_vector(std::span<const Fp> values, FileFormat format) {
  std::string out;
  if (format == FileFormat::Hex) {
    out.reserve(values.size() * (kFpHexDigits + 3));
    for (const Fp& v : values) {
      out += fp_to_hex(v);
      out += '\n';
    }
  } else {
    out.resize(values.size() * kFpBytes);
    for (std::size_t i = 0; i < values.size(); ++i) {
      fp_to_be_bytes(values[i],
                     std::span<uint8_t, kFpBytes>(
                         reinterpret_cast<uint8_t*>(out.data()) + i * kFpBytes, kFpBytes));
    }
  }
  return out;
}

}  // namespace gpuexec::cli
