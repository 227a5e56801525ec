#include "vulkan/one_shot_backend.hpp"

#include "gpuexec/error.hpp"
#include "vulkan/chunk_streamer.hpp"
#include "vulkan/msm.hpp"
#include "vulkan/ntt_host.hpp"

namespace gpuexec::vk {

void OneShotBackend::run_job(const FieldJob& job) {
  Device device(options_, {});  // no disk cache: the cold baseline
  stream_job(device, job);
  ++jobs_;
  elements_ += job.n;
}

EncodedRun OneShotBackend::run_encoded(const EncodedJob& job) {
  Device device(options_, {});
  stream_encoded(device, job);
  ++jobs_;
  elements_ += job.out.size() / field_info(job.field).element_bytes;
  return EncodedRun::Marked;
}

void OneShotBackend::run_batch(std::span<const FieldJob> jobs, Schedule schedule) {
  Device device(options_, {});
  stream_batch(device, jobs, schedule);
  for (const FieldJob& j : jobs) {
    ++jobs_;
    elements_ += j.n;
  }
}

std::shared_ptr<VectorStorage> OneShotBackend::allocate(std::size_t, FieldId) {
  throw Error(ErrorCode::InvalidArgument,
              "the one-shot backend keeps nothing between calls: use the persistent backend for "
              "device vectors");
}

void OneShotBackend::run_resident(Op, std::span<const VectorStorage* const>, VectorStorage&) {
  throw Error(ErrorCode::InvalidArgument, "the one-shot backend has no device vectors");
}

void OneShotBackend::ntt(std::span<Fr> data, unsigned log_n, const NttOptions& options) {
  Device device(options_, {});
  ntt_host_data(device, data, log_n, options);
  ++jobs_;
  elements_ += data.size();
}

void OneShotBackend::ntt_resident(VectorStorage&, unsigned, const NttOptions&) {
  throw Error(ErrorCode::InvalidArgument, "the one-shot backend has no device vectors");
}

// Nothing outlives a one-shot call: the bases wait on the host, and each MSM opens a device,
// uploads them and runs (precomputed copies would be uploaded with each MSM: none are made).
std::shared_ptr<BasesStorage> OneShotBackend::upload_bases(std::span<const G1Affine> points,
                                                           unsigned /*precompute*/) {
  return std::make_shared<HostBases>(this, points);
}

void OneShotBackend::msm(const BasesStorage& bases, std::span<const Scalar> scalars,
                         std::span<G1Jacobian> results) {
  Device device(options_, {});
  const auto& points = static_cast<const HostBases&>(bases).points;
  auto buffer = upload_points(device, points);
  run_msm(device, *buffer, points.size(), scalars, results.size(), results);
  device.pool().release(std::move(buffer));
  ++jobs_;
  elements_ += scalars.size();
}

ExecutorStats OneShotBackend::stats() const {
  ExecutorStats s;
  s.backend = name();
  s.jobs = jobs_;
  s.elements = elements_;
  return s;
}

}  // namespace gpuexec::vk
