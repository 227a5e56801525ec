// gpuexec msm: G1 multi-scalar multiplications from a points file (zcash / IETF encodings, every
// point checked on the curve and in G1) and a scalars file (Fr), one result point each.
#include <fmt/format.h>

#include <memory>

#include "atomic_file.hpp"
#include "backend_option.hpp"
#include "commands.hpp"
#include "cpu/parallel_for.hpp"
#include "field_file.hpp"
#include "gpuexec/executor.hpp"
#include "input_error.hpp"
#include "option_checks.hpp"
#include "point_file.hpp"

namespace gpuexec::cli {

namespace {
struct MsmArgs {
  std::string points, scalars, out, format = "hex", encoding = "uncompressed";
  std::size_t batch = 1;
  BackendOption backend;
};

std::vector<Scalar> read_scalars(const std::string& path, FileFormat format) {
  const std::vector<Fr> values = read_elements<Fr>(path, format);
  std::vector<Scalar> out(values.size());
  cpu::parallel_for(values.size(), [&](std::size_t begin, std::size_t end) {
    for (std::size_t i = begin; i < end; ++i) out[i] = scalar_from_fr(values[i]);
  });
  return out;
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
  std::vector<G1Affine> affine(results.size());
  g1::batch_to_affine(results, affine);
  out.write(points_file_bytes(affine, format, compressed));
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
