// The public front of the library: pick a backend once, then run element-wise vector ops.
#pragma once

#include <future>
#include <memory>
#include <span>
#include <string>
#include <vector>

#include "gpuexec/device_vector.hpp"
#include "gpuexec/fp.hpp"
#include "gpuexec/fr.hpp"
#include "gpuexec/job.hpp"
#include "gpuexec/msm.hpp"
#include "gpuexec/ntt.hpp"
#include "gpuexec/op.hpp"
#include "gpuexec/options.hpp"
#include "gpuexec/pinned_vector.hpp"
#include "gpuexec/stats.hpp"

namespace gpuexec {

class AsyncQueue;
class Backend;  // internal

std::string_view backend_kind_name(BackendKind kind);

// The canonical-input check of the C ABI (and of callers who want it): throws NonCanonical
// naming name[i] for the first element whose limbs are not a reduced value (< p). The executor
// itself takes inputs as they are: a value >= p gives wrong results silently.
void check_reduced(std::span<const Fp> values, std::string_view name);
// The same for Fr (limbs < r).
void check_reduced(std::span<const Fr> values, std::string_view name);

class Executor {
 public:
  explicit Executor(const ExecutorOptions& options = {});
  // Internal: an executor over a backend made by hand (tests, benchmarks).
  explicit Executor(std::unique_ptr<Backend> backend);
  ~Executor();
  Executor(const Executor&) = delete;
  Executor& operator=(const Executor&) = delete;

  // out[i] = a[i] op b[i] for Add, Sub, Mul, over Fp or Fr. Throws gpuexec::Error on size
  // mismatch (or Mad, which takes c: use mad()) or backend failure.
  void run(Op op, std::span<const Fp> a, std::span<const Fp> b, std::span<Fp> out);
  void run(Op op, std::span<const Fr> a, std::span<const Fr> b, std::span<Fr> out);
  // out[i] = a[i] * b[i] + c[i].
  void mad(std::span<const Fp> a, std::span<const Fp> b, std::span<const Fp> c, std::span<Fp> out);
  void mad(std::span<const Fr> a, std::span<const Fr> b, std::span<const Fr> c, std::span<Fr> out);
  // Any job (Job::c for Mad).
  void run(const Job& job);
  void run(const FrJob& job);
  // A job on the file encoding (see EncodedJob): sizes are whole elements and agree, inputs are
  // checked; throws NonCanonicalInput for the first input element >= p (out is then unspecified).
  void run_encoded(const EncodedJob& job);
  // Every job of the batch; results in each job's own out span. Every job is checked before
  // any runs (InvalidArgument names the job index).
  void run_batch(std::span<const Job> jobs, Schedule schedule = Schedule::Pipelined);
  void run_batch(std::span<const FrJob> jobs, Schedule schedule = Schedule::Pipelined);

  // Device-resident vectors: allocate n elements of a field (contents unspecified) or upload,
  // then run ops whose inputs and outputs stay on the device; read back with DeviceVector::read
  // / to_host.
  DeviceVector allocate(std::size_t n, FieldId field = FieldId::Fp);
  DeviceVector upload(std::span<const Fp> values);
  DeviceVector upload(std::span<const Fr> values);
  // out = a op b, all of one size and field and made by this executor; out may be an input.
  void run(Op op, const DeviceVector& a, const DeviceVector& b, DeviceVector& out);
  void mad(const DeviceVector& a, const DeviceVector& b, const DeviceVector& c, DeviceVector& out);

  // The NTT over Fr (ntt.hpp) in place: data holds options.batch vectors of one power-of-two
  // length back to back. Throws InvalidArgument for a length that is not a power of two (or not
  // divisible by batch), above 2^32, or a zero coset shift.
  void ntt(std::span<Fr> data, const NttOptions& options = {});
  // The same on a device vector of Fr, which stays on the device (iNTT -> coset NTT -> mul ->
  // iNTT with no host round trip).
  void ntt(DeviceVector& data, const NttOptions& options = {});

  // G1 MSM (msm.hpp: the points are not checked here; see check_points). results[j] =
  // sum_i [scalars[j n + i]] P_i for results.size() MSMs: the points are shared by every MSM
  // (scalars.size() == results.size() * points.size()) or there are n of them per MSM
  // (points.size() == scalars.size()). Results in blst_p1's Jacobian form.
  void msm(std::span<const G1Affine> points, std::span<const Scalar> scalars,
           std::span<G1Jacobian> results);
  // Bases kept resident for many MSMs (an SRS uploaded once), then MSMs against them.
  MsmBases upload_bases(std::span<const G1Affine> points, const MsmBasesOptions& options = {});
  void msm(const MsmBases& bases, std::span<const Scalar> scalars, std::span<G1Jacobian> results);
  // msm() on the worker thread; scalars and results must stay valid until then.
  std::future<void> submit_msm(const MsmBases& bases, std::span<const Scalar> scalars,
                               std::span<G1Jacobian> results);

  // Host memory for n elements (zeroed) that this executor's device reads and writes directly:
  // jobs whose arrays all lie in pinned vectors skip staging copies (pinned_vector.hpp).
  PinnedVector allocate_pinned(std::size_t n);

  // Asynchronous: the job or batch runs on the executor's worker thread, in submission order;
  // the future gives completion or the error. The spans must stay valid until then.
  std::future<void> submit(const Job& job);
  std::future<void> submit(const FrJob& job);
  std::future<void> submit_batch(std::vector<Job> jobs, Schedule schedule = Schedule::Pipelined);
  std::future<void> submit_batch(std::vector<FrJob> jobs, Schedule schedule = Schedule::Pipelined);
  // ntt() on the worker thread; data (span or device vector) must stay valid until then.
  std::future<void> submit_ntt(std::span<Fr> data, const NttOptions& options = {});
  std::future<void> submit_ntt(DeviceVector& data, const NttOptions& options = {});

  std::string backend_name() const;
  ExecutorStats stats() const;

 private:
  void run_resident(Op op, std::span<const DeviceVector* const> inputs, DeviceVector& out);
  template <class F>
  void run_typed(const BasicJob<F>& job);
  template <class F>
  void run_batch_typed(std::span<const BasicJob<F>> jobs, Schedule schedule);

  std::unique_ptr<Backend> backend_;
  std::unique_ptr<AsyncQueue> async_;  // declared last: drained before the backend goes
};

}  // namespace gpuexec
