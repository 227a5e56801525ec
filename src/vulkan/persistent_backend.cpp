#include "vulkan/persistent_backend.hpp"

#include <fmt/format.h>

#include "gpuexec/error.hpp"
#include "vulkan/chunk_streamer.hpp"
#include "vulkan/disk_pipeline_cache.hpp"
#include "vulkan/msm.hpp"
#include "vulkan/ntt.hpp"
#include "vulkan/ntt_host.hpp"
#include "vulkan/resident_bases.hpp"
#include "vulkan/resident_ops.hpp"
#include "vulkan/resident_vector.hpp"

namespace gpuexec::vk {

ExecutorOptions on_device(int index) {
  ExecutorOptions o;
  o.backend = BackendKind::Vulkan;
  o.device_index = index;
  return o;
}

PersistentBackend::PersistentBackend(const ExecutorOptions& options,
                                     const std::filesystem::path& cache_dir)
    : options_(options),
      cache_dir_(cache_dir),
      device_(std::make_shared<Device>(options, cache_dir)) {}

PersistentBackend::PersistentBackend(const ExecutorOptions& options)
    : PersistentBackend(options, default_pipeline_cache_dir()) {}

std::shared_ptr<Device> PersistentBackend::current() const {
  std::lock_guard lock(mutex_);
  return device_;
}

std::shared_ptr<Device> PersistentBackend::live_device() {
  std::lock_guard lock(mutex_);
  if (device_->lost()) {
    // Jobs still running on the old device keep it alive until they return.
    device_ = std::make_shared<Device>(options_, cache_dir_);
    ++device_reopens_;
  }
  return device_;
}

template <class F>
void PersistentBackend::run_on(Device& device, F&& f) {
  try {
    f(device);
  } catch (const Error& e) {
    if (e.code() != ErrorCode::DeviceLost) throw;
    device.logical().mark_lost();
    throw Error(ErrorCode::DeviceLost,
                fmt::format("{} (device {} lost: its device vectors are gone, and the next job "
                            "reopens the device)",
                            e.what(), device.info().index));
  }
}

std::string PersistentBackend::name() const {
  return "vulkan persistent: " + device_info().name;
}

void PersistentBackend::run_job(const FieldJob& job) {
  run_on(*live_device(), [&](Device& d) { stream_job(d, job); });
}

EncodedRun PersistentBackend::run_encoded(const EncodedJob& job) {
  run_on(*live_device(), [&](Device& d) { stream_encoded(d, job); });
  return EncodedRun::Marked;
}

std::shared_ptr<PinnedStorage> PersistentBackend::allocate_pinned(std::size_t n) {
  return std::make_shared<DevicePinnedStorage>(live_device(), n);
}

void PersistentBackend::run_batch(std::span<const FieldJob> jobs, Schedule schedule) {
  run_on(*live_device(), [&](Device& d) { stream_batch(d, jobs, schedule); });
}

std::shared_ptr<VectorStorage> PersistentBackend::allocate(std::size_t n, FieldId field) {
  return allocate_owned(n, field, this);
}

std::shared_ptr<VectorStorage> PersistentBackend::allocate_owned(std::size_t n, FieldId field,
                                                                 const Backend* owner) {
  return std::make_shared<ResidentVector>(live_device(), n, field, owner);
}

void PersistentBackend::run_resident(Op op, std::span<const VectorStorage* const> inputs,
                                     VectorStorage& out) {
  const std::shared_ptr<Device> device = live_device();
  std::array<const Buffer*, 3> buffers{};
  for (std::size_t i = 0; i < inputs.size(); ++i) {
    const auto& v = static_cast<const ResidentVector&>(*inputs[i]);
    v.check_alive(device.get());
    buffers[i] = &v.buffer();
  }
  auto& result = static_cast<ResidentVector&>(out);
  result.check_alive(device.get());
  run_on(*device, [&](Device& d) {
    const auto lock = d.lock();
    run_resident_op(d, op, out.field(), std::span(buffers.data(), inputs.size()), result.buffer(),
                    out.size());
  });
}

void PersistentBackend::ntt(std::span<Fr> data, unsigned log_n, const NttOptions& options) {
  run_on(*live_device(), [&](Device& d) {
    const auto lock = d.lock();
    ntt_host_data(d, data, log_n, options);
  });
}

void PersistentBackend::ntt_resident(VectorStorage& data, unsigned log_n,
                                     const NttOptions& options) {
  const std::shared_ptr<Device> device = live_device();
  auto& v = static_cast<ResidentVector&>(data);
  v.check_alive(device.get());
  run_on(*device, [&](Device& d) {
    const auto lock = d.lock();
    run_ntt(d, v.buffer(), log_n, options.batch, options);
    ++d.counters().resident_ops;
  });
}

std::shared_ptr<BasesStorage> PersistentBackend::upload_bases(std::span<const G1Affine> points,
                                                              unsigned precompute) {
  return upload_bases_owned(points, precompute, this);
}

std::shared_ptr<BasesStorage> PersistentBackend::upload_bases_owned(
    std::span<const G1Affine> points, unsigned precompute, const Backend* owner) {
  return std::make_shared<ResidentBases>(live_device(), points, precompute, owner);
}

void PersistentBackend::msm(const BasesStorage& bases, std::span<const Scalar> scalars,
                            std::span<G1Jacobian> results) {
  const std::shared_ptr<Device> device = live_device();
  const auto& b = static_cast<const ResidentBases&>(bases);
  b.check_alive(device.get());
  run_on(*device, [&](Device& d) {
    const auto lock = d.lock();
    run_msm(d, b.buffer(), b.size(), scalars, results.size(), results, b.shape());
    ++d.counters().resident_ops;
  });
}

ExecutorStats PersistentBackend::stats() const {
  ExecutorStats s;
  s.backend = name();
  current()->add_stats(s);
  std::lock_guard lock(mutex_);
  s.device_reopens = device_reopens_;
  return s;
}

}  // namespace gpuexec::vk
