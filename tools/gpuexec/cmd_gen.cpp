// gpuexec gen: input files for msm (and ntt): random points of G1 or random Fr scalars.
#include <fmt/format.h>

#include <memory>

#include "atomic_file.hpp"
#include "commands.hpp"
#include "field_file.hpp"
#include "gpuexec/fr_samples.hpp"
#include "gpuexec/g1_samples.hpp"
#include "option_checks.hpp"
#include "point_file.hpp"

namespace gpuexec::cli {

namespace {
struct GenArgs {
  std::string what, out, format = "hex", encoding = "uncompressed";
  std::size_t n = 0;
  uint64_t seed = 1;
};

void generate(const GenArgs& args) {
  const FileFormat format = *parse_format(args.format);
  AtomicFile out(args.out);
  if (args.what == "points") {
    out.write(points_file_bytes(g1_random_points(args.n, args.seed), format,
                                args.encoding == "compressed"));
  } else {
    std::mt19937_64 rng(args.seed);
    std::vector<Fr> values(args.n);
    for (Fr& x : values) x = fr_random(rng);
    write_elements<Fr>(values, format, out);
  }
  out.commit();
}
}  // namespace

void add_gen_command(CLI::App& app) {
  auto args = std::make_shared<GenArgs>();
  CLI::App* cmd = app.add_subcommand(
      "gen", "random inputs: points of G1 (for msm) or Fr scalars (msm scalars, ntt inputs)");
  cmd->add_option("what", args->what, "points or scalars")
      ->required()
      ->check(CLI::IsMember({"points", "scalars"}));
  cmd->add_option("n", args->n, "how many")
      ->required()
      ->check(whole_number(0, uint64_t{1} << 28, "elements", "2^28"));
  cmd->add_option("--out", args->out, "output file (written atomically)")->required();
  cmd->add_option("--format", args->format, "hex (one a line) or bin (back to back)")
      ->check(CLI::IsMember({"hex", "bin"}))
      ->capture_default_str();
  cmd->add_option("--point-encoding", args->encoding, "uncompressed (96 bytes) or compressed (48)")
      ->check(CLI::IsMember({"uncompressed", "compressed"}))
      ->capture_default_str();
  cmd->add_option("--seed", args->seed, "random seed")->capture_default_str();
  cmd->callback([args] { generate(*args); });
}

}  // namespace gpuexec::cli
