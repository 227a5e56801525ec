// gpuexec run: one element-wise job from files to a file, streamed (stream_run.hpp).
#include <fmt/format.h>

#include <memory>

#include "backend_option.hpp"
#include "commands.hpp"
#include "gpuexec/executor.hpp"
#include "stream_run.hpp"

namespace gpuexec::cli {

namespace {
struct RunArgs {
  std::string op, a, b, c, out, format = "hex", field = "fp";
  bool stats = false;
  BackendOption backend;
};

void run_job(const RunArgs& args) {
  const Op op = *parse_op(args.op);
  if ((op == Op::Mad) != !args.c.empty()) {
    throw CLI::ValidationError("--c", op == Op::Mad ? "mad needs --c FILE (out = a*b + c)"
                                                    : "--c is read by --op mad only");
  }
  StreamSpec spec{op,
                  {args.a, args.b},
                  args.out,
                  *parse_format(args.format),
                  args.field == "fr" ? FieldId::Fr : FieldId::Fp};
  if (op == Op::Mad) spec.inputs.push_back(args.c);
  std::unique_ptr<Executor> executor;
  const auto make = [&]() -> Executor& {
    if (!executor) executor = std::make_unique<Executor>(args.backend.executor_options());
    return *executor;
  };
  if (args.stats) make();  // an empty job needs no device, unless its statistics are asked for
  stream_run(spec, make);
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
  cmd->add_option("--format", args->format,
                  "hex (one value per line) or bin (big-endian: 48 bytes an Fp element, 32 an Fr)")
      ->check(CLI::IsMember({"hex", "bin"}))
      ->capture_default_str();
  cmd->add_option("--field", args->field, "fp (the base field) or fr (the scalar field)")
      ->check(CLI::IsMember({"fp", "fr"}))
      ->capture_default_str();
  cmd->add_flag("--stats", args->stats,
                "print executor statistics (pipelines, bucket cache, buffer pool, memory)");
  args->backend.add_to(*cmd);
  cmd->callback([args] { run_job(*args); });
}

}  // namespace gpuexec::cli
