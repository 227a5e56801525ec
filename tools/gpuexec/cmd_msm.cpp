// gpuexec msm: G1 multi-scalar multiplications from a points file (zcash / IETF encodings, every
// point checked on the curve and in G1) and a scalars file (Fr), one result point each.
#include <fmt/format.h>

#include <memory>
#include <mutex>

#include "atomic_file.hpp"
#include "backend_option.hpp"
#include "commands.hpp"
#include "cpu/parallel_for.hpp"
#include "element_source.hpp"
#include "field_file.hpp"
#include "gpuexec/executor.hpp"
#include "gpuexec/g1_encoding.hpp"
#include "gpuexec/hex_codec.hpp"
#include "input_error.hpp"
#include "option_checks.hpp"

namespace gpuexec::cli {

namespace {
struct MsmArgs {
  std::string points, scalars, out, format = "hex", encoding = "uncompressed";
  std::size_t batch = 1;
  BackendOption backend;
};

constexpr std::size_t kReadPoints = std::size_t{1} << 18;

std::size_t encoding_bytes(bool compressed) {
  return compressed ? kG1CompressedBytes : kG1UncompressedBytes;
}

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

std::vector<Scalar> read_scalars(const std::string& path, FileFormat format) {
  const std::vector<Fr> values = read_elements<Fr>(path, format);
  std::vector<Scalar> out(values.size());
  cpu::parallel_for(values.size(), [&](std::size_t begin, std::size_t end) {
    for (std::size_t i = begin; i < end; ++i) out[i] = scalar_from_fr(values[i]);
  });
  return out;
}

void write_points(std::span<const G1Jacobian> results, FileFormat format, bool compressed,
                  AtomicFile& out) {
  std::vector<G1Affine> affine(results.size());
  g1::batch_to_affine(results, affine);
  const std::size_t record = encoding_bytes(compressed);
  std::vector<uint8_t> bytes(record);
  std::string text;
  for (const G1Affine& p : affine) {
    if (compressed) {
      g1_to_compressed(p, std::span<uint8_t, 48>(bytes.data(), 48));
    } else {
      g1_to_uncompressed(p, std::span<uint8_t, 96>(bytes.data(), 96));
    }
    if (format == FileFormat::Bin) {
      text.append(reinterpret_cast<const char*>(bytes.data()), record);
      continue;
    }
    std::string line(2 + 2 * record, '0');
    be_bytes_to_hex(bytes, line);
    text += line + "\n";
  }
  out.write(text);
}

void run_msm(const MsmArgs& args) {
  const FileFormat format = *parse_format(args.format);
  const bool compressed = args.encoding == "compressed";
  AtomicFile out(args.out);  // fails now, before any work, if the output cannot be written
  const std::vector<G1Affine> points = read_points(args.points, format, compressed);
  const std::vector<Scalar> scalars = read_scalars(args.scalars, format);
  if (scalars.size() % args.batch != 0) {
    throw InputError(fmt::format("{}: {} scalars do not split into --batch {} MSMs of equal size",
                                 args.scalars, scalars.size(), args.batch));
  }
  const std::size_t n = scalars.size() / args.batch;
  if (points.size() != n && points.size() != scalars.size()) {
    throw InputError(fmt::format(
        "{}: holds {} points, but {} holds {} scalars for --batch {}: give {} points (shared by "
        "every MSM){}",
        args.points, points.size(), args.scalars, scalars.size(), args.batch, n,
        args.batch > 1 ? fmt::format(" or {} (one set per MSM)", scalars.size()) : ""));
  }
  std::vector<G1Jacobian> results(args.batch);
  Executor executor(args.backend.executor_options());
  executor.msm(points, scalars, results);
  write_points(results, format, compressed, out);
  out.commit();
}
}  // namespace

void add_msm_command(CLI::App& app) {
  auto args = std::make_shared<MsmArgs>();
  CLI::App* cmd = app.add_subcommand(
      "msm",
      "G1 multi-scalar multiplication: sum_i [s_i] P_i, points checked on the curve and in G1");
  cmd->add_option("--points", args->points, "points file (zcash / IETF G1 encodings)")->required();
  cmd->add_option("--scalars", args->scalars, "scalars file (Fr: 32-byte big-endian or hex)")
      ->required();
  cmd->add_option("--out", args->out, "output file: one point per MSM (written atomically)")
      ->required();
  cmd->add_option("--batch", args->batch,
                  "MSMs: the scalars file holds batch * n scalars; the points file n points "
                  "(shared) or batch * n")
      ->check(whole_number(1, uint64_t{1} << 32, "MSMs"))
      ->capture_default_str();
  cmd->add_option("--format", args->format, "hex (one encoding per line) or bin (back to back)")
      ->check(CLI::IsMember({"hex", "bin"}))
      ->capture_default_str();
  cmd->add_option("--point-encoding", args->encoding,
                  "uncompressed (96 bytes: x, y) or compressed (48 bytes: x and flags)")
      ->check(CLI::IsMember({"uncompressed", "compressed"}))
      ->capture_default_str();
  args->backend.add_to(*cmd);
  cmd->callback([args] { run_msm(*args); });
}

}  // namespace gpuexec::cli
