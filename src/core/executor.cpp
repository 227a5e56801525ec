#include "gpuexec/executor.hpp"

#include <string>

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

Executor::Executor(const ExecutorOptions& options) : backend_(make_backend(options)) {}

Executor::Executor(std::unique_ptr<Backend> backend) : backend_(std::move(backend)) {
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

std::string Executor::backend_name() const {
  return backend_->name();
}

}  // namespace gpuexec
