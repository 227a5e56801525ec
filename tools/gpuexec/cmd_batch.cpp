// gpuexec batch MANIFEST.json: many jobs in one executor call. Every job is checked (manifest
// fields, input files, output path) before any runs; a bad job is reported with its index and
// nothing is written for it; the good ones run as one batch and their outputs are written
// atomically. Exit 2 when any job was bad.
#include <fmt/format.h>

#include <memory>
#include <set>

#include "atomic_file.hpp"
#include "backend_option.hpp"
#include "commands.hpp"
#include "gpuexec/executor.hpp"
#include "input_error.hpp"
#include "manifest.hpp"

namespace gpuexec::cli {

namespace {
struct BatchArgs {
  std::string manifest, schedule = "pipelined";
  bool stats = false;
  BackendOption backend;
};

struct ReadyJob {
  ManifestJob spec;
  std::vector<Fp> a, b, c, out;  // c: mad only
  std::unique_ptr<AtomicFile> file;
};

void run_batch(const BatchArgs& args) {
  const auto entries = read_manifest(args.manifest);
  std::vector<ReadyJob> ready;
  std::vector<std::string> errors;
  std::set<std::string> outputs;
  for (const ManifestEntry& e : entries) {
    if (!e.error.empty()) {
      errors.push_back(e.error);
      continue;
    }
    try {
      ReadyJob r;
      r.spec = e.job;
      if (!outputs.insert(e.job.out).second) {
        throw InputError(fmt::format("{}: another job writes this output too", e.job.out));
      }
      r.a = read_vector_file(e.job.a, e.job.format);
      r.b = read_vector_file(e.job.b, e.job.format);
      if (e.job.op == Op::Mad) r.c = read_vector_file(e.job.c, e.job.format);
      for (const auto& [file, v] : {std::pair{&e.job.b, &r.b}, std::pair{&e.job.c, &r.c}}) {
        if (v->size() != r.a.size() && (v == &r.b || e.job.op == Op::Mad)) {
          throw InputError(fmt::format("{} holds {} elements but {} holds {}", e.job.a, r.a.size(),
                                       *file, v->size()));
        }
      }
      r.out.resize(r.a.size());
      r.file = std::make_unique<AtomicFile>(e.job.out);
      ready.push_back(std::move(r));
    } catch (const InputError& err) {
      errors.push_back(fmt::format("{}: job {}: {}", args.manifest, e.job.index, err.what()));
    }
  }
  if (!ready.empty()) {
    std::vector<Job> jobs;
    for (ReadyJob& r : ready) jobs.push_back({r.spec.op, r.a, r.b, r.out, r.c});
    Executor executor(args.backend.executor_options());
    executor.run_batch(jobs,
                       args.schedule == "sequential" ? Schedule::Sequential : Schedule::Pipelined);
    for (ReadyJob& r : ready) {
      r.file->write(encode_vector(r.out, r.spec.format));
      r.file->commit();
    }
    fmt::print("{} of {} jobs done ({})\n", ready.size(), entries.size(), args.schedule);
    if (args.stats) fmt::print("{}", format_stats(executor.stats()));
  }
  if (!errors.empty()) {
    for (std::size_t i = 0; i + 1 < errors.size(); ++i)
      fmt::print(stderr, "gpuexec: {}\n", errors[i]);
    throw InputError(errors.back());  // printed by main, exit 2
  }
}
}  // namespace

void add_batch_command(CLI::App& app) {
  auto args = std::make_shared<BatchArgs>();
  CLI::App* cmd = app.add_subcommand(
      "batch", "run the jobs of a JSON manifest as one batch ([{op, a, b, out, format}, ...])");
  cmd->add_option("manifest", args->manifest, "the manifest file")->required();
  cmd->add_option("--schedule", args->schedule, "pipelined (default) or sequential")
      ->check(CLI::IsMember({"sequential", "pipelined"}))
      ->capture_default_str();
  cmd->add_flag("--stats", args->stats, "print executor statistics");
  args->backend.add_to(*cmd);
  cmd->callback([args] { run_batch(*args); });
}

}  // namespace gpuexec::cli
