// Field-vector files: hex (one canonical value per line) or bin (concatenated 48-byte big-endian).
#pragma once

#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "gpuexec/fp.hpp"

namespace gpuexec::cli {

enum class FileFormat { Hex, Bin };

std::optional<FileFormat> parse_format(std::string_view name);

// Reads and checks a whole file; throws InputError naming the file, the line or element, and why.
std::vector<Fp> read_vector_file(const std::string& path, FileFormat format);

// Parses file contents already in memory; `label` names the file in errors.
std::vector<Fp> parse_vector(std::string_view bytes, FileFormat format, const std::string& label);

// The file contents for a vector in the given format.
std::string encode_vector(std::span<const Fp> values, FileFormat format);

}  // namespace gpuexec::cli
