// gpuexec run: one element-wise job from files to a file.
#include <fmt/format.h>

#include <memory>

#include "atomic_file.hpp"
#include "backend_option.hpp"
#include "commands.hpp"
#include "gpuexec/executor.hpp"
#include "input_error.hpp"
#include "vector_file.hpp"

namespace gpuexec::cli {

namespace {
struct RunArgs {
  std::string op, a, b, out, format = "hex";
  bool stats = false;
  BackendOption backend;
};

void run_job(const RunArgs& args) {
  const Op op = *parse_op(args.op);
  const FileFormat format = *parse_format(args.format);
  const std::vector<Fp> a = read_vector_file(args.a, format);
  const std::vector<Fp> b = read_vector_file(args.b, format);
  if (a.size() != b.size()) {
    const bool a_short = a.size() < b.size();
    const std::size_t n = std::min(a.size(), b.size());
    throw InputError(fmt::format(
        "{}: element {}: missing: the file holds {} elements but {} holds {}",
        a_short ? args.a : args.b, n, n, a_short ? args.b : args.a, std::max(a.size(), b.size())));
  }
  AtomicFile out(args.out);  // fails now, before any work, if the output cannot be written
  std::vector<Fp> c(a.size());
  std::unique_ptr<Executor> executor;
  if (!a.empty() || args.stats) {  // an empty job needs no device
    executor = std::make_unique<Executor>(args.backend.executor_options());
    executor->run(op, a, b, c);
  }
  out.write(encode_vector(c, format));
  out.commit();
  if (args.stats) fmt::print("{}", format_stats(executor->stats()));
}
}  // namespace

void add_run_command(CLI::App& app) {
  auto args = std::make_shared<RunArgs>();
  CLI::App* cmd = app.add_subcommand("run", "C[i] = A[i] op B[i] over two vector files");
  cmd->add_option("--op", args->op, "add, sub or mul")
      ->required()
      ->check(CLI::IsMember({"add", "sub", "mul"}));
  cmd->add_option("--a", args->a, "first input file")->required();
  cmd->add_option("--b", args->b, "second input file")->required();
  cmd->add_option("--out", args->out, "output file (written atomically)")->required();
  cmd->add_option("--format", args->format, "hex (one value per line) or bin (48-byte big-endian)")
      ->check(CLI::IsMember({"hex", "bin"}))
      ->capture_default_str();
  cmd->add_flag("--stats", args->stats,
                "print executor statistics (pipelines, bucket cache, buffer pool, memory)");
  args->backend.add_to(*cmd);
  cmd->callback([args] { run_job(*args); });
}

}  // namespace gpuexec::cli
