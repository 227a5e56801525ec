#include "gpuexec/executor.hpp"

#include <fmt/format.h>

#include <string>

#include "backend/backend.hpp"
#include "core/async_queue.hpp"
#include "core/backend_factory.hpp"
#include "core/batch_checks.hpp"
#include "core/msm_checks.hpp"
#include "core/ntt_checks.hpp"
#include "gpuexec/error.hpp"

namespace gpuexec {

std::string_view backend_kind_name(BackendKind kind) {
  switch (kind) {
    case BackendKind::Auto:
      return "auto";
    case BackendKind::Cpu:
      return "cpu";
    case BackendKind::Vulkan:
      return "vulkan";
  }
  return "?";
}

Executor::Executor(const ExecutorOptions& options)
    : backend_(make_backend(options)), async_(std::make_unique<AsyncQueue>()) {}

Executor::Executor(std::unique_ptr<Backend> backend)
    : backend_(std::move(backend)), async_(std::make_unique<AsyncQueue>()) {
  if (!backend_) throw Error(ErrorCode::InvalidArgument, "executor needs a backend");
}

Executor::~Executor() = default;

namespace {
void reject_mad(Op op) {
  if (op == Op::Mad) {
    throw Error(ErrorCode::InvalidArgument, "mad takes three inputs: use Executor::mad");
  }
}
}  // namespace

void Executor::run(Op op, std::span<const Fp> a, std::span<const Fp> b, std::span<Fp> out) {
  reject_mad(op);
  run(Job{op, a, b, out});
}

void Executor::run(Op op, std::span<const Fr> a, std::span<const Fr> b, std::span<Fr> out) {
  reject_mad(op);
  run(FrJob{op, a, b, out});
}

void Executor::mad(std::span<const Fp> a, std::span<const Fp> b, std::span<const Fp> c,
                   std::span<Fp> out) {
  run(Job{Op::Mad, a, b, out, c});
}

void Executor::mad(std::span<const Fr> a, std::span<const Fr> b, std::span<const Fr> c,
                   std::span<Fr> out) {
  run(FrJob{Op::Mad, a, b, out, c});
}

template <class F>
void Executor::run_typed(const BasicJob<F>& job) {
  check_job(job);
  if (!job.out.empty()) backend_->run_job(FieldJob::of(job));
}

template <class F>
void Executor::run_batch_typed(std::span<const BasicJob<F>> jobs, Schedule schedule) {
  check_batch(jobs, schedule);
  if (jobs.empty()) return;
  std::vector<FieldJob> field_jobs;
  field_jobs.reserve(jobs.size());
  for (const BasicJob<F>& j : jobs) field_jobs.push_back(FieldJob::of(j));
  backend_->run_batch(field_jobs, schedule);
}

void Executor::run(const Job& job) {
  run_typed(job);
}

void Executor::run(const FrJob& job) {
  run_typed(job);
}

void Executor::run_batch(std::span<const Job> jobs, Schedule schedule) {
  run_batch_typed(jobs, schedule);
}

void Executor::run_batch(std::span<const FrJob> jobs, Schedule schedule) {
  run_batch_typed(jobs, schedule);
}

DeviceVector Executor::allocate(std::size_t n, FieldId field) {
  return DeviceVector(backend_->allocate(n, field));
}

DeviceVector Executor::upload(std::span<const Fp> values) {
  DeviceVector v = allocate(values.size(), FieldId::Fp);
  v.write(values);
  return v;
}

DeviceVector Executor::upload(std::span<const Fr> values) {
  DeviceVector v = allocate(values.size(), FieldId::Fr);
  v.write(values);
  return v;
}

void Executor::run(Op op, const DeviceVector& a, const DeviceVector& b, DeviceVector& out) {
  reject_mad(op);
  const DeviceVector* inputs[] = {&a, &b};
  run_resident(op, inputs, out);
}

void Executor::mad(const DeviceVector& a, const DeviceVector& b, const DeviceVector& c,
                   DeviceVector& out) {
  const DeviceVector* inputs[] = {&a, &b, &c};
  run_resident(Op::Mad, inputs, out);
}

void Executor::run_resident(Op op, std::span<const DeviceVector* const> inputs, DeviceVector& out) {
  const VectorStorage* storages[3] = {};
  for (std::size_t i = 0; i <= inputs.size(); ++i) {
    const DeviceVector& v = i < inputs.size() ? *inputs[i] : out;
    if (v.size() != out.size()) {
      std::string sizes;
      for (const DeviceVector* in : inputs) sizes += fmt::format("{}, ", in->size());
      throw Error(ErrorCode::InvalidArgument,
                  fmt::format("device vector sizes differ: inputs {}out {}", sizes, out.size()));
    }
    if (v.field() != out.field()) {
      throw Error(ErrorCode::InvalidArgument,
                  fmt::format("device vector fields differ: an input holds {}, out {}",
                              field_info(v.field()).name, field_info(out.field()).name));
    }
    if (v.storage() && v.storage()->owner() != backend_.get()) {
      throw Error(ErrorCode::InvalidArgument, "device vector belongs to another executor");
    }
    if (i < inputs.size()) storages[i] = v.storage();
  }
  if (out.empty()) return;
  backend_->run_resident(op, std::span(storages, inputs.size()), *out.storage());
}

void Executor::ntt(std::span<Fr> data, const NttOptions& options) {
  const unsigned log_n = check_ntt(data.size(), options, "ntt");
  if (!data.empty()) backend_->ntt(data, log_n, options);
}

void Executor::ntt(DeviceVector& data, const NttOptions& options) {
  if (data.field() != FieldId::Fr) {
    throw Error(ErrorCode::InvalidArgument,
                fmt::format("ntt: the device vector holds {} elements; the NTT is over fr",
                            field_info(data.field()).name));
  }
  if (data.storage() && data.storage()->owner() != backend_.get()) {
    throw Error(ErrorCode::InvalidArgument, "device vector belongs to another executor");
  }
  const unsigned log_n = check_ntt(data.size(), options, "ntt");
  if (!data.empty()) backend_->ntt_resident(*data.storage(), log_n, options);
}

void Executor::msm(std::span<const G1Affine> points, std::span<const Scalar> scalars,
                   std::span<G1Jacobian> results) {
  const MsmShape shape = check_msm(points.size(), scalars.size(), results.size());
  if (results.empty()) return;
  if (shape.shared_points) return msm(upload_bases(points), scalars, results);
  for (std::size_t j = 0; j < results.size(); ++j) {  // each MSM its own points
    msm(upload_bases(points.subspan(j * shape.n, shape.n)), scalars.subspan(j * shape.n, shape.n),
        results.subspan(j, 1));
  }
}

MsmBases Executor::upload_bases(std::span<const G1Affine> points, const MsmBasesOptions& options) {
  if (options.precompute == 0) {
    throw Error(ErrorCode::InvalidArgument, "upload_bases: precompute must be at least 1");
  }
  return MsmBases(backend_->upload_bases(points, options.precompute));
}

void Executor::msm(const MsmBases& bases, std::span<const Scalar> scalars,
                   std::span<G1Jacobian> results) {
  if (bases.storage() && bases.storage()->owner() != backend_.get()) {
    throw Error(ErrorCode::InvalidArgument, "msm: the bases belong to another executor");
  }
  if (scalars.size() != results.size() * bases.size()) {
    throw Error(ErrorCode::InvalidArgument,
                fmt::format("msm: {} scalars for {} MSMs over {} bases (need {})", scalars.size(),
                            results.size(), bases.size(), results.size() * bases.size()));
  }
  if (results.empty()) return;
  if (!bases.storage() || bases.size() == 0) {
    for (G1Jacobian& r : results) r = g1::kInfinity;
    return;
  }
  backend_->msm(*bases.storage(), scalars, results);
}

std::future<void> Executor::submit_msm(const MsmBases& bases, std::span<const Scalar> scalars,
                                       std::span<G1Jacobian> results) {
  return async_->submit([this, bases, scalars, results] { msm(bases, scalars, results); });
}

PinnedVector Executor::allocate_pinned(std::size_t n) {
  return PinnedVector(backend_->allocate_pinned(n));
}

std::future<void> Executor::submit(const Job& job) {
  return async_->submit([this, job] { run(job); });
}

std::future<void> Executor::submit(const FrJob& job) {
  return async_->submit([this, job] { run(job); });
}

std::future<void> Executor::submit_batch(std::vector<Job> jobs, Schedule schedule) {
  return async_->submit([this, jobs = std::move(jobs), schedule] { run_batch(jobs, schedule); });
}

std::future<void> Executor::submit_batch(std::vector<FrJob> jobs, Schedule schedule) {
  return async_->submit([this, jobs = std::move(jobs), schedule] { run_batch(jobs, schedule); });
}

std::future<void> Executor::submit_ntt(std::span<Fr> data, const NttOptions& options) {
  return async_->submit([this, data, options] { ntt(data, options); });
}

std::future<void> Executor::submit_ntt(DeviceVector& data, const NttOptions& options) {
  return async_->submit([this, &data, options] { ntt(data, options); });
}

std::string Executor::backend_name() const {
  return backend_->name();
}

ExecutorStats Executor::stats() const {
  return backend_->stats();
}

}  // namespace gpuexec
