#include "vulkan/persistent_backend.hpp"

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
    : session_(std::make_shared<DeviceSession>(options, cache_dir)) {}

PersistentBackend::PersistentBackend(const ExecutorOptions& options)
    : PersistentBackend(options, default_pipeline_cache_dir()) {}

std::string PersistentBackend::name() const {
  return "vulkan persistent: " + device_info().name;
}

void PersistentBackend::run(Op op, std::span<const Fp> a, std::span<const Fp> b,
                            std::span<Fp> out) {
  session_->runtime().run(op, a, b, out);
}

void PersistentBackend::run_batch(std::span<const Job> jobs, Schedule schedule) {
  session_->runtime().run_batch(jobs, schedule);
}

std::shared_ptr<DeviceVector::Storage> PersistentBackend::allocate(std::size_t n) {
  return std::make_shared<ResidentVector>(session_, n, static_cast<const Backend*>(this));
}

void PersistentBackend::run_resident(Op op, const DeviceVector::Storage& a,
                                     const DeviceVector::Storage& b, DeviceVector::Storage& out) {
  session_->runtime().run_resident(op, static_cast<const ResidentVector&>(a).buffer(),
                                   static_cast<const ResidentVector&>(b).buffer(),
                                   static_cast<ResidentVector&>(out).buffer(), out.size());
}

ExecutorStats PersistentBackend::stats() const {
  ExecutorStats s;
  s.backend = name();
  session_->runtime().add_stats(s);
  return s;
}

}  // namespace gpuexec::vk
