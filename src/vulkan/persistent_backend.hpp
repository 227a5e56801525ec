// The persistent backend: one long-lived instance, device and device runtime (pipeline cache on
// memory and disk, bucket cache, buffer pool, suballocated memory), reused by every job.
#pragma once

#include <filesystem>
#include <memory>

#include "gpuexec/backend.hpp"
#include "gpuexec/options.hpp"
#include "vulkan/context.hpp"
#include "vulkan/device_runtime.hpp"

namespace gpuexec::vk {

class PersistentBackend final : public Backend {
 public:
  // pipeline_cache_dir empty: no disk cache.
  PersistentBackend(const ExecutorOptions& options,
                    const std::filesystem::path& pipeline_cache_dir);
  // The disk cache in default_pipeline_cache_dir().
  explicit PersistentBackend(const ExecutorOptions& options = {});

  std::string name() const override;
  void run(Op op, std::span<const Fp> a, std::span<const Fp> b, std::span<Fp> out) override;
  void run_batch(std::span<const Job> jobs, Schedule schedule) override;
  ExecutorStats stats() const override;

  const DeviceInfo& device_info() const { return context_.info(); }
  PipelineCacheStats pipeline_stats() const { return runtime_->pipelines().stats(); }
  DeviceRuntime& runtime() { return *runtime_; }

 private:
  Context context_;
  std::unique_ptr<DeviceRuntime> runtime_;
};

// Options for device `index` with everything else default (tests, benchmarks).
ExecutorOptions on_device(int index);

}  // namespace gpuexec::vk
