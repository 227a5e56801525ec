#include "vulkan/persistent_backend.hpp"

#include "vulkan/disk_pipeline_cache.hpp"

namespace gpuexec::vk {

ExecutorOptions on_device(int index) {
  ExecutorOptions o;
  o.backend = BackendKind::Vulkan;
  o.device_index = index;
  return o;
}

PersistentBackend::PersistentBackend(const ExecutorOptions& options,
                                     const std::filesystem::path& cache_dir)
    : context_(options.device_index),
      runtime_(std::make_unique<DeviceRuntime>(
          context_.device(), options,
          cache_dir.empty() ? std::filesystem::path{}
                            : pipeline_cache_file(cache_dir, context_.info()))) {}

PersistentBackend::PersistentBackend(const ExecutorOptions& options)
    : PersistentBackend(options, default_pipeline_cache_dir()) {}

std::string PersistentBackend::name() const {
  return "vulkan persistent: " + context_.info().name;
}

void PersistentBackend::run(Op op, std::span<const Fp> a, std::span<const Fp> b,
                            std::span<Fp> out) {
  runtime_->run(op, a, b, out);
}

void PersistentBackend::run_batch(std::span<const Job> jobs, Schedule schedule) {
  runtime_->run_batch(jobs, schedule);
}

ExecutorStats PersistentBackend::stats() const {
  ExecutorStats s;
  s.backend = name();
  runtime_->add_stats(s);
  return s;
}

}  // namespace gpuexec::vk
