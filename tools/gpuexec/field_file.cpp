#include "field_file.hpp"

#include "cpu/field_kernels.hpp"
#include "cpu/parallel_for.hpp"
#include "element_source.hpp"
#include "gpuexec/hex_codec.hpp"
#include "gpuexec/job.hpp"
#include "input_error.hpp"

namespace gpuexec::cli {

namespace {
constexpr std::size_t kReadElems = std::size_t{1} << 20;
}

template <class F>
std::vector<F> read_elements(const std::string& path, FileFormat format) {
  constexpr std::size_t kBytes = sizeof(F);
  ElementSource source(path, format, field_of<F>);
  std::vector<uint8_t> bytes;
  std::vector<std::size_t> lines, chunk_lines;
  for (;;) {
    const std::size_t had = bytes.size();
    bytes.resize(had + kReadElems * kBytes);
    const std::size_t got =
        source.read(std::span(bytes).subspan(had, kReadElems * kBytes), chunk_lines);
    bytes.resize(had + got * kBytes);
    lines.insert(lines.end(), chunk_lines.begin(), chunk_lines.end());
    if (got < kReadElems) break;
  }
  const std::size_t n = bytes.size() / kBytes;
  std::vector<F> out(n);
  const std::size_t bad = cpu::parallel_from_be_bytes(bytes.data(), out.data(), n);
  if (bad != n) {
    throw InputError(source.rejection(bad, format == FileFormat::Hex ? lines.at(bad) : 0,
                                      std::span(bytes).subspan(bad * kBytes, kBytes)));
  }
  return out;
}

template <class F>
void write_elements(std::span<const F> values, FileFormat format, AtomicFile& out) {
  constexpr std::size_t kBytes = sizeof(F);
  std::vector<uint8_t> bytes(values.size() * kBytes);
  cpu::parallel_to_be_bytes(values.data(), bytes.data(), values.size());
  if (format == FileFormat::Bin) {
    out.write({reinterpret_cast<const char*>(bytes.data()), bytes.size()});
    return;
  }
  constexpr std::size_t kLine = 2 + 2 * kBytes + 1;
  std::string text(values.size() * kLine, '\n');
  cpu::parallel_for(values.size(), [&](std::size_t begin, std::size_t end) {
    for (std::size_t i = begin; i < end; ++i) {
      be_bytes_to_hex(std::span(bytes).subspan(i * kBytes, kBytes),
                      std::span(text).subspan(i * kLine, kLine - 1));
    }
  });
  out.write(text);
}

template std::vector<Fp> read_elements<Fp>(const std::string&, FileFormat);
template std::vector<Fr> read_elements<Fr>(const std::string&, FileFormat);
template void write_elements<Fp>(std::span<const Fp>, FileFormat, AtomicFile&);
template void write_elements<Fr>(std::span<const Fr>, FileFormat, AtomicFile&);

}  // namespace gpuexec::cli
