// gpuexec bench SUITE: timed, verified benchmark suites with a table and the JSON contract.
#include <fmt/format.h>

#include <memory>

#include "atomic_file.hpp"
#include "bench/bench_plot.hpp"
#include "bench/bench_report.hpp"
#include "bench/suites.hpp"
#include "commands.hpp"
#include "gpuexec/error.hpp"
#include "option_checks.hpp"

namespace gpuexec::cli {

namespace {
struct BenchArgs {
  std::string suite, json, plot, op = "add";
  BenchOptions options;
};

void run_bench(BenchArgs& args) {
  args.options.op = *parse_op(args.op);
  const BenchSuite* suite = nullptr;
  for (const BenchSuite& s : bench_suites()) {
    if (s.name == args.suite) suite = &s;
  }
  // Open the output first: an unwritable path fails before minutes of measuring.
  std::unique_ptr<AtomicFile> json_out;
  if (!args.json.empty()) json_out = std::make_unique<AtomicFile>(args.json);

  BenchContext ctx(args.options);
  const std::vector<BenchResult> results = suite->run(ctx);
  print_table(results, !suite->report);
  if (suite->report) suite->report(results);
  if (!args.plot.empty()) {
    write_plot(results, args.plot,
               fmt::format("gpuexec bench {} on {}", args.suite,
                           ctx.device_json()["name"].get<std::string>()));
  }
  if (json_out) {
    json_out->write(report_json(ctx.device_json(), results, ctx.notes()).dump(2) + "\n");
    json_out->commit();
  }
  for (const BenchResult& r : results) {
    if (!r.verified) {
      throw Error(ErrorCode::Internal,
                  fmt::format("bench {}: variant {} at {} elements returned wrong results", r.suite,
                              r.variant, r.elements));
    }
  }
}
}  // namespace

void add_bench_command(CLI::App& app) {
  auto args = std::make_shared<BenchArgs>();
  CLI::App* cmd = app.add_subcommand("bench", "run a benchmark suite (every result verified)");
  std::vector<std::string> names;
  std::string help = "suite:";
  for (const BenchSuite& s : bench_suites()) {
    names.push_back(s.name);
    help += "\n  " + s.name + ": " + s.summary;
  }
  cmd->add_option("suite", args->suite, help)->required()->check(CLI::IsMember(names));
  cmd->add_option("--json", args->json, "write the results as JSON to FILE");
  cmd->add_option("--plot", args->plot,
                  "draw time and elements/s against size into FILE.png (gnuplot)");
  cmd->add_option("--sizes", args->options.sizes, "element counts, comma-separated")
      ->delimiter(',')
      ->check(whole_number(1, uint64_t{1} << 28, "elements", "2^28"));
  cmd->add_option("--jobs", args->options.jobs, "jobs per batch, comma-separated")
      ->delimiter(',')
      ->check(whole_number(1, 1024, "jobs"));
  CLI::Option* reps = cmd->add_option("--reps", args->options.reps,
                                      "timed repetitions per variant (e2e: default 3, --quick 1)")
                          ->check(whole_number(1, 100000, "repetitions"))
                          ->capture_default_str();
  CLI::Option* op = cmd->add_option("--op", args->op, "add, sub or mul (e2e: default every op)")
                        ->check(CLI::IsMember({"add", "sub", "mul"}))
                        ->capture_default_str();
  cmd->add_option("--device", args->options.device, "Vulkan device index")
      ->check(whole_number(0, 1023, "(a Vulkan device index)"));
  cmd->add_option("--devices", args->options.devices,
                  "multi suite: devices to spread batches over, 'all' or indices such as 0,1 "
                  "(an index may repeat); default GPUEXEC_DEVICES, else all");
  cmd->add_option("--msm-points", args->options.msm_points,
                  "multi suite: the points of its MSM (default 2^22, --quick 2^14)")
      ->check(whole_number(1, uint64_t{1} << 26, "points", "2^26"));
  cmd->add_option("--field", args->options.field,
                  "resident suite: the field of the ops, fp (default), fr or both")
      ->check(CLI::IsMember({"fp", "fr", "both"}));
  cmd->add_flag("--quick", args->options.quick,
                "small sizes that finish within a minute on lavapipe");
  cmd->callback([args, reps, op] {
    args->options.reps_given = reps->count() > 0;
    args->options.op_given = op->count() > 0;
    run_bench(*args);
  });
}

}  // namespace gpuexec::cli
