#include "vulkan/one_shot_backend.hpp"

#include "gpuexec/error.hpp"
#include "gpuexec/fp_encoding.hpp"
#include "vulkan/chunk_streamer.hpp"

namespace gpuexec::vk {

void OneShotBackend::run_job(const Job& job) {
  Device device(options_, {});  // no disk cache: the cold baseline
  stream_job(device, job);
  ++jobs_;
  elements_ += job.out.size();
}

EncodedRun OneShotBackend::run_encoded(const EncodedJob& job) {
  Device device(options_, {});
  stream_encoded(device, job);
  ++jobs_;
  elements_ += job.out.size() / kFpBytes;
  return EncodedRun::Marked;
}

void OneShotBackend::run_batch(std::span<const Job> jobs, Schedule schedule) {
  Device device(options_, {});
  stream_batch(device, jobs, schedule);
  for (const Job& j : jobs) {
    ++jobs_;
    elements_ += j.out.size();
  }
}

std::shared_ptr<VectorStorage> OneShotBackend::allocate(std::size_t) {
  throw Error(ErrorCode::InvalidArgument,
              "the one-shot backend keeps nothing between calls: use the persistent backend for "
              "device vectors");
}

void OneShotBackend::run_resident(Op, std::span<const VectorStorage* const>, VectorStorage&) {
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
