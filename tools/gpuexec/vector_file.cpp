#include "vector_file.hpp"

#include <fmt/format.h>

#include <cerrno>
#include <cstring>
#include <fstream>
#include <sstream>

#include "gpuexec/fp_encoding.hpp"
#include "input_error.hpp"

namespace gpuexec::cli {

std::optional<FileFormat> parse_format(std::string_view name) {
  if (name == "hex") return FileFormat::Hex;
  if (name == "bin") return FileFormat::Bin;
  return std::nullopt;
}

namespace {

std::string read_file(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) throw InputError(fmt::format("{}: cannot open: {}", path, std::strerror(errno)));
  std::ostringstream buffer;
  buffer << in.rdbuf();
  if (in.bad()) throw InputError(fmt::format("{}: cannot read: {}", path, std::strerror(errno)));
  return std::move(buffer).str();
}

bool is_space(char c) {
  return c == ' ' || c == '\t' || c == '\r' || c == '\v' || c == '\f';
}

std::string_view trim(std::string_view s) {
  while (!s.empty() && is_space(s.front())) s.remove_prefix(1);
  while (!s.empty() && is_space(s.back())) s.remove_suffix(1);
  return s;
}

std::vector<Fp> parse_hex(std::string_view bytes, const std::string& label) {
  std::vector<Fp> out;
  out.reserve(bytes.size() / (kFpHexDigits + 3));
  std::size_t line_no = 0;
  while (!bytes.empty()) {
    ++line_no;
    const std::size_t end = bytes.find('\n');
    std::string_view line = bytes.substr(0, end);
    bytes.remove_prefix(end == std::string_view::npos ? bytes.size() : end + 1);
    if (line.find('\0') != std::string_view::npos) {
      throw InputError(
          fmt::format("{}:{}: contains a NUL byte (binary data in a hex file?)", label, line_no));
    }
    line = trim(line);
    if (line.empty()) continue;
    std::string why;
    auto value = fp_from_hex(line, &why);
    if (!value) throw InputError(fmt::format("{}:{}: {}", label, line_no, why));
    out.push_back(*value);
  }
  return out;
}

std::vector<Fp> parse_bin(std::string_view bytes, const std::string& label) {
  if (bytes.size() % kFpBytes != 0) {
    throw InputError(
        fmt::format("{}: element {}: truncated: file length {} bytes is not a multiple of {}",
                    label, bytes.size() / kFpBytes, bytes.size(), kFpBytes));
  }
  std::vector<Fp> out(bytes.size() / kFpBytes);
  for (std::size_t i = 0; i < out.size(); ++i) {
    auto chunk = std::span<const uint8_t, kFpBytes>(
        reinterpret_cast<const uint8_t*>(bytes.data()) + i * kFpBytes, kFpBytes);
    auto value = fp_from_be_bytes(chunk);
    if (!value) {
      throw InputError(fmt::format(
          "{}: element {}: value is not below the field modulus p (non-canonical)", label, i));
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
  return parse_vector(read_file(path), format, path);
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
