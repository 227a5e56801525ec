#include "vulkan/one_shot_backend.hpp"

#include "gpuexec/error.hpp"
#include "vulkan/context.hpp"
#include "vulkan/device_runtime.hpp"

namespace gpuexec::vk {

void OneShotBackend::run(Op op, std::span<const Fp> a, std::span<const Fp> b, std::span<Fp> out) {
  Context context(options_.device_index);
  DeviceRuntime runtime(context.device(), options_, {});  // no disk cache: the cold baseline
  runtime.run(op, a, b, out);
  ++jobs_;
  elements_ += out.size();
}

void OneShotBackend::run_batch(std::span<const Job> jobs, Schedule schedule) {
  Context context(options_.device_index);
  DeviceRuntime runtime(context.device(), options_, {});
  runtime.run_batch(jobs, schedule);
  for (const Job& j : jobs) {
    ++jobs_;
    elements_ += j.out.size();
  }
}

std::shared_ptr<DeviceVector::Storage> OneShotBackend::allocate(std::size_t) {
  throw Error(ErrorCode::InvalidArgument,
              "the one-shot backend keeps nothing between calls: use the persistent backend for "
              "device vectors");
}

void OneShotBackend::run_resident(Op, const DeviceVector::Storage&, const DeviceVector::Storage&,
                                  DeviceVector::Storage&) {
  throw Error(ErrorCode::InvalidArgument, "the one-shot backend has no device vectors");
}

ExecutorStats OneShotBackend::stats() const {
  ExecutorStats s;
  s.backend = name();
  s.jobs = jobs_;
  s.elements = elements_;
  return s;
}

}  // namespace gpuexec::vk
