#include "gpuexec/executor.hpp"

#include <fmt/format.h>

#include <string>

#include "backend/backend.hpp"
#include "core/async_queue.hpp"
#include "core/backend_factory.hpp"
#include "core/batch_checks.hpp"
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

void Executor::run(Op op, std::span<const Fp> a, std::span<const Fp> b, std::span<Fp> out) {
  if (op == Op::Mad) {
    throw Error(ErrorCode::InvalidArgument, "mad takes three inputs: use Executor::mad");
  }
  run(Job{op, a, b, out});
}

void Executor::mad(std::span<const Fp> a, std::span<const Fp> b, std::span<const Fp> c,
                   std::span<Fp> out) {
  run(Job{Op::Mad, a, b, out, c});
}

void Executor::run(const Job& job) {
  check_job(job);
  if (!job.out.empty()) backend_->run_job(job);
}

void Executor::run_batch(std::span<const Job> jobs, Schedule schedule) {
  check_batch(jobs, schedule);
  if (!jobs.empty()) backend_->run_batch(jobs, schedule);
}

DeviceVector Executor::allocate(std::size_t n) {
  return DeviceVector(backend_->allocate(n));
}

DeviceVector Executor::upload(std::span<const Fp> values) {
  DeviceVector v = allocate(values.size());
  v.write(values);
  return v;
}

void Executor::run(Op op, const DeviceVector& a, const DeviceVector& b, DeviceVector& out) {
  if (op == Op::Mad) {
    throw Error(ErrorCode::InvalidArgument, "mad takes three inputs: use Executor::mad");
  }
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
    if (v.storage() && v.storage()->owner() != backend_.get()) {
      throw Error(ErrorCode::InvalidArgument, "device vector belongs to another executor");
    }
    if (i < inputs.size()) storages[i] = v.storage();
  }
  if (out.empty()) return;
  backend_->run_resident(op, std::span(storages, inputs.size()), *out.storage());
}

PinnedVector Executor::allocate_pinned(std::size_t n) {
  return PinnedVector(backend_->allocate_pinned(n));
}

std::future<void> Executor::submit(const Job& job) {
  return async_->submit([this, job] { run(job); });
}

std::future<void> Executor::submit_batch(std::vector<Job> jobs, Schedule schedule) {
  return async_->submit([this, jobs = std::move(jobs), schedule] { run_batch(jobs, schedule); });
}

std::string Executor::backend_name() const {
  return backend_->name();
}

ExecutorStats Executor::stats() const {
  return backend_->stats();
}

}  // namespace gpuexec
