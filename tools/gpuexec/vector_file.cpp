#include "vector_file.hpp"

#include <fmt/format.h>

#include "gpuexec/fp_encoding.hpp"
#include "input_error.hpp"
#include "read_file.hpp"
#include "text_checks.hpp"

namespace gpuexec::cli {

std::optional<FileFormat> parse_format(std::string_view name) {
  if (name == "hex") return FileFormat::Hex;
  if (name == "bin") return FileFormat::Bin;
  return std::nullopt;
}

namespace {

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
