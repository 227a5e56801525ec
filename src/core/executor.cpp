#include "gpuexec/executor.hpp"

#include <string>

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
  if (a.size() != b.size() || a.size() != out.size()) {
    throw Error(ErrorCode::InvalidArgument,
                "vector sizes differ: a has " + std::to_string(a.size()) + ", b " +
                    std::to_string(b.size()) + ", out " + std::to_string(out.size()));
  }
  if (out.empty()) return;
  backend_->run(op, a, b, out);
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
  const DeviceVector* all[] = {&a, &b, &out};
  for (const DeviceVector* v : all) {
    if (v->size() != out.size()) {
      throw Error(ErrorCode::InvalidArgument,
                  "device vector sizes differ: a has " + std::to_string(a.size()) + ", b " +
                      std::to_string(b.size()) + ", out " + std::to_string(out.size()));
    }
    if (v->storage() && v->storage()->owner() != backend_.get()) {
      throw Error(ErrorCode::InvalidArgument, "device vector belongs to another executor");
    }
  }
  if (out.empty()) return;
  backend_->run_resident(op, *a.storage(), *b.storage(), *out.storage());
}

std::future<void> Executor::submit(const Job& job) {
  return async_->submit([this, job] { run(job.op, job.a, job.b, job.out); });
}

std::future<void> Executor::submit_batch(std::vector<Job> jobs, Schedule schedule) {
  return async_->submit([this, jobs = std::move(jobs), schedule] { run_batch(jobs, schedule); });
}

std::string Executor::backend_name() const {
  return backend_->name();
}

}  // namespace gpuexec
