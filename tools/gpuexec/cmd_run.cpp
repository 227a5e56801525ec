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
  std::string op, a, b, c, out, format = "hex";
  bool stats = false;
  BackendOption backend;
};

// The shorter of two inputs is the one in error: it names the first element it lacks.
void check_same_length(const std::string& x_file, std::size_t x, const std::string& y_file,
                       std::size_t y) {
  if (x == y) return;
  const bool x_short = x < y;
  const std::size_t n = std::min(x, y);
  throw InputError(
      fmt::format("{}: element {}: missing: the file holds {} elements but {} holds {}",
                  x_short ? x_file : y_file, n, n, x_short ? y_file : x_file, std::max(x, y)));
}

void run_job(const RunArgs& args) {
  const Op op = *parse_op(args.op);
  if ((op == Op::Mad) != !args.c.empty()) {
    throw CLI::ValidationError("--c", op == Op::Mad ? "mad needs --c FILE (out = a*b + c)"
                                                    : "--c is read by --op mad only");
  }
  const FileFormat format = *parse_format(args.format);
  const std::vector<Fp> a = read_vector_file(args.a, format);
  const std::vector<Fp> b = read_vector_file(args.b, format);
  check_same_length(args.a, a.size(), args.b, b.size());
  std::vector<Fp> c;
  if (op == Op::Mad) {
    c = read_vector_file(args.c, format);
    check_same_length(args.a, a.size(), args.c, c.size());
  }
  AtomicFile out(args.out);  // fails now, before any work, if the output cannot be written
  std::vector<Fp> result(a.size());
  std::unique_ptr<Executor> executor;
  if (!a.empty() || args.stats) {  // an empty job needs no device
    executor = std::make_unique<Executor>(args.backend.executor_options());
    executor->run(Job{op, a, b, result, c});
  }
  out.write(encode_vector(result, format));
  out.commit();
  if (args.stats) fmt::print("{}", format_stats(executor->stats()));
}
}  // namespace

void add_run_command(CLI::App& app) {
  auto args = std::make_shared<RunArgs>();
  CLI::App* cmd = app.add_subcommand(
      "run", "OUT[i] = A[i] op B[i] over two vector files (mad: A[i] * B[i] + C[i])");
  cmd->add_option("--op", args->op, "add, sub, mul or mad")
      ->required()
      ->check(CLI::IsMember({"add", "sub", "mul", "mad"}));
  cmd->add_option("--a", args->a, "first input file")->required();
  cmd->add_option("--b", args->b, "second input file")->required();
  cmd->add_option("--c", args->c, "third input file (mad only)");
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
