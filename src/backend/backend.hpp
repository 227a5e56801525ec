// What every backend (CPU, Vulkan one-shot, Vulkan persistent, several devices) offers the
// executor. Internal: the public API is Executor.
#pragma once

#include <memory>
#include <span>
#include <string>

#include "backend/bases_storage.hpp"
#include "backend/field_job.hpp"
#include "backend/pinned_storage.hpp"
#include "backend/vector_storage.hpp"
#include "gpuexec/g1.hpp"
#include "gpuexec/job.hpp"
#include "gpuexec/ntt.hpp"
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
  // One job of either field, its sizes checked by the executor (c is read by Mad only); out
  // may alias an input.
  virtual void run_job(const FieldJob& job) = 0;
  void run(Op op, std::span<const Fp> a, std::span<const Fp> b, std::span<Fp> out) {
    run_job(FieldJob::of(Job{op, a, b, out}));
  }
  void run(Op op, std::span<const Fr> a, std::span<const Fr> b, std::span<Fr> out) {
    run_job(FieldJob::of(FrJob{op, a, b, out}));
  }
  // A job on the file encoding, its sizes checked by the executor.
  virtual EncodedRun run_encoded(const EncodedJob& /*job*/) { return EncodedRun::Unsupported; }
  // Jobs already checked by the executor (sizes; independence when pipelined).
  virtual void run_batch(std::span<const FieldJob> jobs, Schedule /*schedule*/) {
    for (const FieldJob& j : jobs) {
      if (!j.empty()) run_job(j);
    }
  }
  // Device-resident vectors: storage for n elements of a field (contents unspecified), and
  // out = op(inputs...) on storages this backend made, all of one size and field (checked by the
  // executor).
  virtual std::shared_ptr<VectorStorage> allocate(std::size_t n, FieldId field) = 0;
  virtual void run_resident(Op op, std::span<const VectorStorage* const> inputs,
                            VectorStorage& out) = 0;
  // The NTT in place (ntt.hpp), checked by the executor: options.batch vectors of 2^log_n
  // elements back to back, on host memory or on a storage of Fr this backend made.
  virtual void ntt(std::span<Fr> data, unsigned log_n, const NttOptions& options) = 0;
  virtual void ntt_resident(VectorStorage& data, unsigned log_n, const NttOptions& options) = 0;
  // G1 MSM: bases kept where the backend computes, and results[j] = sum_i [scalars[j n + i]]
  // bases[i] over n = bases.size() points (checked by the executor; bases made by this backend).
  // precompute >= 1: copies of each base a backend with device-resident bases keeps (msm.hpp).
  virtual std::shared_ptr<BasesStorage> upload_bases(std::span<const G1Affine> points,
                                                     unsigned precompute) = 0;
  virtual void msm(const BasesStorage& bases, std::span<const Scalar> scalars,
                   std::span<G1Jacobian> results) = 0;
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
