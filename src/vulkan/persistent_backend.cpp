#include "vulkan/persistent_backend.hpp"

#include <fmt/format.h>

#include "gpuexec/error.hpp"
#include "vulkan/disk_pipeline_cache.hpp"
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
      session_(std::make_shared<DeviceSession>(options, cache_dir)) {}

PersistentBackend::PersistentBackend(const ExecutorOptions& options)
    : PersistentBackend(options, default_pipeline_cache_dir()) {}

std::shared_ptr<DeviceSession> PersistentBackend::current() const {
  std::lock_guard lock(session_mutex_);
  return session_;
}

std::shared_ptr<DeviceSession> PersistentBackend::live_session() {
  std::lock_guard lock(session_mutex_);
  if (session_->lost()) {
    // Jobs still running on the old session keep it alive until they return.
    session_ = std::make_shared<DeviceSession>(options_, cache_dir_);
    ++device_reopens_;
  }
  return session_;
}

template <class F>
void PersistentBackend::run_on(DeviceSession& session, F&& f) {
  try {
    f(session);
  } catch (const Error& e) {
    if (e.code() != ErrorCode::DeviceLost) throw;
    session.context().device().mark_lost();
    throw Error(ErrorCode::DeviceLost,
                fmt::format("{} (device {} lost: its device vectors are gone, and the next job "
                            "reopens the device)",
                            e.what(), session.context().info().index));
  }
}

std::string PersistentBackend::name() const {
  return "vulkan persistent: " + device_info().name;
}

void PersistentBackend::run(Op op, std::span<const Fp> a, std::span<const Fp> b,
                            std::span<Fp> out) {
  run_on(*live_session(), [&](DeviceSession& s) { s.runtime().run(op, a, b, out); });
}

void PersistentBackend::run_batch(std::span<const Job> jobs, Schedule schedule) {
  run_on(*live_session(), [&](DeviceSession& s) { s.runtime().run_batch(jobs, schedule); });
}

std::shared_ptr<DeviceVector::Storage> PersistentBackend::allocate(std::size_t n) {
  return allocate_owned(n, static_cast<const Backend*>(this));
}

std::shared_ptr<DeviceVector::Storage> PersistentBackend::allocate_owned(std::size_t n,
                                                                         const void* owner) {
  return std::make_shared<ResidentVector>(live_session(), n, owner);
}

void PersistentBackend::run_resident(Op op, const DeviceVector::Storage& a,
                                     const DeviceVector::Storage& b, DeviceVector::Storage& out) {
  const std::shared_ptr<DeviceSession> session = live_session();
  for (const DeviceVector::Storage* v : {&a, &b, static_cast<const DeviceVector::Storage*>(&out)})
    static_cast<const ResidentVector*>(v)->check_alive(session.get());
  run_on(*session, [&](DeviceSession& s) {
    s.runtime().run_resident(op, static_cast<const ResidentVector&>(a).buffer(),
                             static_cast<const ResidentVector&>(b).buffer(),
                             static_cast<ResidentVector&>(out).buffer(), out.size());
  });
}

ExecutorStats PersistentBackend::stats() const {
  ExecutorStats s;
  s.backend = name();
  current()->runtime().add_stats(s);
  std::lock_guard lock(session_mutex_);
  s.device_reopens = device_reopens_;
  return s;
}

}  // namespace gpuexec::vk
