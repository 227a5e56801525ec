// The public front of the library: pick a backend once, then run element-wise vector ops.
#pragma once

#include <memory>
#include <span>
#include <string>

#include "gpuexec/backend.hpp"
#include "gpuexec/fp.hpp"
#include "gpuexec/job.hpp"
#include "gpuexec/op.hpp"
#include "gpuexec/options.hpp"
#include "gpuexec/stats.hpp"

namespace gpuexec {

std::string_view backend_kind_name(BackendKind kind);

class Executor {
 public:
  explicit Executor(const ExecutorOptions& options = {});
  explicit Executor(std::unique_ptr<Backend> backend);
  ~Executor();
  Executor(const Executor&) = delete;
  Executor& operator=(const Executor&) = delete;

  // out[i] = a[i] op b[i]. Throws gpuexec::Error on size mismatch or backend failure.
  void run(Op op, std::span<const Fp> a, std::span<const Fp> b, std::span<Fp> out);
  // Every job of the batch; results in each job's own out span. Every job is checked before
  // any runs (InvalidArgument names the job index).
  void run_batch(std::span<const Job> jobs, Schedule schedule = Schedule::Pipelined);

  std::string backend_name() const;
  ExecutorStats stats() const { return backend_->stats(); }
  Backend& backend() { return *backend_; }

 private:
  std::unique_ptr<Backend> backend_;
};

}  // namespace gpuexec
