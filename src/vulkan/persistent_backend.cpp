#include "vulkan/persistent_backend.hpp"

#include "vulkan/disk_pipeline_cache.hpp"

namespace gpuexec::vk {

namespace {
std::filesystem::path cache_file(const Context& context, const std::filesystem::path& dir) {
  return dir.empty() ? std::filesystem::path{} : pipeline_cache_file(dir, context.info());
}
}  // namespace

PersistentBackend::PersistentBackend(int device_index, const std::filesystem::path& cache_dir)
    : context_(device_index),
      pipelines_(context_.device(), cache_file(context_, cache_dir)),
      path_(context_.device(), pipelines_, RunnerSettings::for_device(context_.info())) {}

PersistentBackend::PersistentBackend(int device_index)
    : PersistentBackend(device_index, default_pipeline_cache_dir()) {}

std::string PersistentBackend::name() const { return "vulkan persistent: " + context_.info().name; }

void PersistentBackend::run(Op op, std::span<const Fp> a, std::span<const Fp> b, std::span<Fp> out) {
  std::lock_guard lock(mutex_);
  path_.run(op, a, b, out);
}

}  // namespace gpuexec::vk
