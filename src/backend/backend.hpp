// What every backend (CPU, Vulkan one-shot, Vulkan persistent, several devices) offers the
// executor. Internal: the public API is Executor.
#pragma once

#include <memory>
#include <span>
#include <string>

#include "backend/pinned_storage.hpp"
#include "backend/vector_storage.hpp"
#include "gpuexec/job.hpp"
#include "gpuexec/stats.hpp"

namespace gpuexec {

// What a backend did with an encoded job: nothing (the executor decodes, runs run_job and
// encodes), ran it with every input found canonical, or ran it marking each element whose input
// was not (rejection_mark.hpp) for the executor to find.
enum class EncodedRun { Unsupported, Clean, Marked };

class Backend {
 public:
  virtual ~Backend() = default;
  virtual std::string name() const = 0;
  // One job, its sizes checked by the executor (c is read by Mad only); out may alias an input.
  virtual void run_job(const Job& job) = 0;
  void run(Op op, std::span<const Fp> a, std::span<const Fp> b, std::span<Fp> out) {
    run_job(Job{op, a, b, out});
  }
  // A job on the file encoding, its sizes checked by the executor.
  virtual EncodedRun run_encoded(const EncodedJob& /*job*/) { return EncodedRun::Unsupported; }
  // Jobs already checked by the executor (sizes; independence when pipelined).
  virtual void run_batch(std::span<const Job> jobs, Schedule /*schedule*/) {
    for (const Job& j : jobs) {
      if (!j.out.empty()) run_job(j);
    }
  }
  // Device-resident vectors: storage for n elements (contents unspecified), and
  // out = op(inputs...) on storages this backend made, all of one size (checked by the executor).
  virtual std::shared_ptr<VectorStorage> allocate(std::size_t n) = 0;
  virtual void run_resident(Op op, std::span<const VectorStorage* const> inputs,
                            VectorStorage& out) = 0;
  // Host memory the device reads directly (pinned_storage.hpp); plain host memory by default.
  virtual std::shared_ptr<PinnedStorage> allocate_pinned(std::size_t n) {
    return std::make_shared<PinnedStorage>(n);
  }
  virtual ExecutorStats stats() const {
    ExecutorStats s;
    s.backend = name();
    return s;
  }
};

}  // namespace gpuexec
