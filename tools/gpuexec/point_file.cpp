#include "point_file.hpp"

#include <fmt/format.h>

#include <mutex>

#include "cpu/parallel_for.hpp"
#include "element_source.hpp"
#include "gpuexec/g1_encoding.hpp"
#include "gpuexec/hex_codec.hpp"
#include "input_error.hpp"

namespace gpuexec::cli {

namespace {
constexpr std::size_t kReadPoints = std::size_t{1} << 18;

std::size_t encoding_bytes(bool compressed) {
  return compressed ? kG1CompressedBytes : kG1UncompressedBytes;
}
}  // namespace

// Every point of the file, decoded and checked (curve and subgroup) on all cores.
std::vector<G1Affine> read_points(const std::string& path, FileFormat format, bool compressed) {
  const std::size_t record = encoding_bytes(compressed);
  ElementSource source(path, format, record);
  std::vector<uint8_t> bytes;
  std::vector<std::size_t> lines, chunk_lines;
  for (;;) {
    const std::size_t had = bytes.size();
    bytes.resize(had + kReadPoints * record);
    const std::size_t got =
        source.read(std::span(bytes).subspan(had, kReadPoints * record), chunk_lines);
    bytes.resize(had + got * record);
    lines.insert(lines.end(), chunk_lines.begin(), chunk_lines.end());
    if (got < kReadPoints) break;
  }
  const std::size_t n = bytes.size() / record;
  std::vector<G1Affine> points(n);
  std::size_t first = n;
  G1DecodeError why = G1DecodeError::Ok;
  std::mutex m;
  cpu::parallel_for(n, [&](std::size_t begin, std::size_t end) {
    for (std::size_t i = begin; i < end; ++i) {
      const uint8_t* p = bytes.data() + i * record;
      const G1DecodeError e =
          compressed ? g1_from_compressed(std::span<const uint8_t, 48>(p, 48), points[i])
                     : g1_from_uncompressed(std::span<const uint8_t, 96>(p, 96), points[i]);
      if (e == G1DecodeError::Ok) continue;
      std::lock_guard lock(m);
      if (i < first) first = i, why = e;
      return;
    }
  });
  if (first != n) {
    const std::string where =
        format == FileFormat::Hex
            ? fmt::format("{}:{}: point {}", source.label(), lines[first], first)
            : fmt::format("{}: element {}", source.label(), first);
    throw InputError(fmt::format("{}: {}", where, g1_decode_error_message(why)));
  }
  return points;
}

std::string points_file_bytes(std::span<const G1Affine> points, FileFormat format,
                              bool compressed) {
  const std::size_t record = encoding_bytes(compressed);
  std::vector<uint8_t> bytes(record);
  std::string text, line(2 + 2 * record, '0');
  for (const G1Affine& p : points) {
    if (compressed) {
      g1_to_compressed(p, std::span<uint8_t, 48>(bytes.data(), 48));
    } else {
      g1_to_uncompressed(p, std::span<uint8_t, 96>(bytes.data(), 96));
    }
    if (format == FileFormat::Bin) {
      text.append(reinterpret_cast<const char*>(bytes.data()), record);
      continue;
    }
    be_bytes_to_hex(bytes, line);
    text += line;
    text += '\n';
  }
  return text;
}

}  // namespace gpuexec::cli
