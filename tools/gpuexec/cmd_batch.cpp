// gpuexec batch MANIFEST.json: many jobs on one executor. Each job is checked (manifest fields,
// output path, independence) before it runs; a bad job is reported with its index and nothing is
// written for it; the good ones run and their outputs are written atomically. Exit 2 when any
// job was bad. Memory stays bounded: small jobs run in waves (one executor batch each, in the
// chosen schedule), and a job larger than a wave streams alone through stream_run.
//
// Jobs are independent: two jobs writing one file (by any spelling or link), or a job reading
// another job's output, are per-job errors. No file stays open between the checks and the writes,
// so a batch needs a handful of descriptors however many jobs it has.
#include <fmt/format.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <filesystem>
#include <map>
#include <memory>
#include <optional>

#include "atomic_file.hpp"
#include "backend_option.hpp"
#include "commands.hpp"
#include "gpuexec/executor.hpp"
#include "input_error.hpp"
#include "manifest.hpp"
#include "stream_run.hpp"
#include "vector_file.hpp"

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
};

// The job that writes each output, found by canonical path or by inode.
class OutputOwners {
 public:
  void add(const FileId& id, std::size_t job) {
    by_path_.emplace(id.canonical, job);  // the first writer keeps it; later ones are duplicates
    if (id.inode) by_inode_.emplace(*id.inode, job);
  }
  // The first job writing this file by either identity (a hard link has its own path).
  std::optional<std::size_t> owner(const FileId& id) const {
    std::optional<std::size_t> first;
    if (auto it = by_path_.find(id.canonical); it != by_path_.end()) first = it->second;
    if (id.inode) {
      if (auto it = by_inode_.find(*id.inode); it != by_inode_.end()) {
        first = std::min(first.value_or(it->second), it->second);
      }
    }
    return first;
  }

 private:
  std::map<std::string, std::size_t> by_path_;
  std::map<std::pair<dev_t, ino_t>, std::size_t> by_inode_;
};

// What AtomicFile would meet when writing, checked now without creating anything: the output is
// not a directory, and the directory it resolves to (where the temporary goes) takes new files.
// Devices and FIFOs are AtomicFile's to judge (written in place or refused), not the directory's.
void check_writable(const std::string& out, const FileId& id) {
  struct stat st;
  const bool exists = ::stat(out.c_str(), &st) == 0;
  if (exists && S_ISDIR(st.st_mode)) {
    throw InputError(fmt::format("{}: cannot write output: is a directory", out));
  }
  if (exists && !S_ISREG(st.st_mode)) return;
  const std::string dir = std::filesystem::path(id.canonical).parent_path().string();
  if (::access(dir.c_str(), W_OK | X_OK) != 0) {
    throw InputError(
        fmt::format("{}: cannot write output: directory {}: {}", out, dir, std::strerror(errno)));
  }
}

// The checks that need no input data: outputs not shared, inputs not another job's output, the
// output writable. Throws InputError.
void check(const ManifestJob& job, const OutputOwners& owners) {
  const FileId out_id = file_id(job.out);
  if (auto o = owners.owner(out_id); o && *o != job.index) {
    throw InputError(fmt::format("{}: job {} writes this output too", job.out, *o));
  }
  for (const std::string* in : {&job.a, &job.b, &job.c}) {
    if (in->empty()) continue;
    if (auto o = owners.owner(file_id(*in)); o && *o != job.index) {
      throw InputError(fmt::format(
          "{} is the output of job {}: the jobs of a batch are independent (run the job that "
          "reads it in a second batch)",
          *in, *o));
    }
  }
  check_writable(job.out, out_id);
}

std::vector<const std::string*> inputs_of(const ManifestJob& job) {
  if (job.op == Op::Mad) return {&job.a, &job.b, &job.c};
  return {&job.a, &job.b};
}

// The bytes of the job's inputs when all are regular files; none (stream it) otherwise.
std::optional<std::size_t> input_bytes(const ManifestJob& job) {
  std::size_t total = 0;
  for (const std::string* in : inputs_of(job)) {
    struct stat st;
    if (::stat(in->c_str(), &st) != 0 || !S_ISREG(st.st_mode)) return std::nullopt;
    total += static_cast<std::size_t>(st.st_size);
  }
  return total;
}

ReadyJob load(const ManifestJob& job) {
  ReadyJob r;
  r.spec = job;
  r.a = read_vector_file(job.a, job.format);  // each read opens, reads and closes its file
  r.b = read_vector_file(job.b, job.format);
  if (job.op == Op::Mad) r.c = read_vector_file(job.c, job.format);
  for (const auto& [file, v] : {std::pair{&job.b, &r.b}, std::pair{&job.c, &r.c}}) {
    if (v->size() != r.a.size() && (v == &r.b || job.op == Op::Mad)) {
      throw InputError(
          fmt::format("{} holds {} elements but {} holds {}", job.a, r.a.size(), *file, v->size()));
    }
  }
  r.out.resize(r.a.size());
  return r;
}

// Small jobs run in waves of at most kWaveBytes of input, each wave one executor batch in the
// chosen schedule; a job larger than that (or reading a pipe) streams alone (stream_run).
constexpr std::size_t kWaveBytes = std::size_t{64} << 20;

class BatchRun {
 public:
  explicit BatchRun(const BatchArgs& args) : args_(args) {}

  void run() {
    const auto entries = read_manifest(args_.manifest);
    OutputOwners owners;
    for (const ManifestEntry& e : entries) {
      if (e.error.empty()) owners.add(file_id(e.job.out), e.job.index);
    }
    std::vector<ManifestJob> wave;
    std::size_t wave_bytes = 0;
    for (const ManifestEntry& e : entries) {
      if (!e.error.empty()) {
        errors_.push_back(e.error);
        continue;
      }
      try {
        check(e.job, owners);
      } catch (const InputError& err) {
        report(e.job.index, err.what());
        continue;
      }
      const std::optional<std::size_t> bytes = input_bytes(e.job);
      if (!bytes || *bytes > kWaveBytes) {
        stream(e.job);
        continue;
      }
      if (wave_bytes + *bytes > kWaveBytes) run_wave(wave), wave.clear(), wave_bytes = 0;
      wave.push_back(e.job);
      wave_bytes += *bytes;
    }
    run_wave(wave);
    if (executor_) {
      fmt::print("{} of {} jobs done ({})\n", written_, entries.size(), args_.schedule);
      if (args_.stats) fmt::print("{}", format_stats(executor_->stats()));
    }
    if (!errors_.empty()) {
      for (std::size_t i = 0; i + 1 < errors_.size(); ++i) {
        fmt::print(stderr, "gpuexec: {}\n", errors_[i]);
      }
      throw InputError(errors_.back());  // printed by main, exit 2
    }
  }

 private:
  Executor& executor() {
    if (!executor_) executor_ = std::make_unique<Executor>(args_.backend.executor_options());
    return *executor_;
  }

  void report(std::size_t index, const char* what) {
    errors_.push_back(fmt::format("{}: job {}: {}", args_.manifest, index, what));
  }

  void stream(const ManifestJob& job) {
    try {
      StreamSpec spec{job.op, {job.a, job.b}, job.out, job.format};
      if (job.op == Op::Mad) spec.inputs.push_back(job.c);
      executor();  // the batch has run once it has a job to run
      stream_run(spec, [this]() -> Executor& { return executor(); });
      ++written_;
    } catch (const InputError& err) {
      report(job.index, err.what());
    }
  }

  void run_wave(const std::vector<ManifestJob>& wave) {
    std::vector<ReadyJob> ready;
    for (const ManifestJob& job : wave) {
      try {
        ready.push_back(load(job));
      } catch (const InputError& err) {
        report(job.index, err.what());
      }
    }
    if (ready.empty()) return;
    std::vector<Job> jobs;
    for (ReadyJob& r : ready) jobs.push_back({r.spec.op, r.a, r.b, r.out, r.c});
    executor().run_batch(
        jobs, args_.schedule == "sequential" ? Schedule::Sequential : Schedule::Pipelined);
    for (ReadyJob& r : ready) {
      try {  // one output open at a time; a failure here spoils only its own job
        AtomicFile file(r.spec.out);
        file.write(encode_vector(r.out, r.spec.format));
        file.commit();
        ++written_;
      } catch (const InputError& err) {
        report(r.spec.index, err.what());
      }
    }
  }

  const BatchArgs& args_;
  std::unique_ptr<Executor> executor_;
  std::vector<std::string> errors_;
  std::size_t written_ = 0;
};

void run_batch(const BatchArgs& args) {
  BatchRun(args).run();
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
