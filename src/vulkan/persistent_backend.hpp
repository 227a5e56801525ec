// The persistent backend: one long-lived instance, device and device runtime (pipeline cache on
// memory and disk, bucket cache, buffer pool, suballocated memory), reused by every job.
#pragma once

#include <filesystem>
#include <memory>

#include "gpuexec/backend.hpp"
#include "gpuexec/options.hpp"
#include "vulkan/device_session.hpp"

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
  std::shared_ptr<DeviceVector::Storage> allocate(std::size_t n) override;
  void run_resident(Op op, const DeviceVector::Storage& a, const DeviceVector::Storage& b,
                    DeviceVector::Storage& out) override;
  ExecutorStats stats() const override;

  const DeviceInfo& device_info() const { return session_->context().info(); }
  const DeviceContext& device_context() const { return session_->context().device(); }
  PipelineCacheStats pipeline_stats() const { return session_->runtime().pipelines().stats(); }
  DeviceRuntime& runtime() { return session_->runtime(); }

 private:
  std::shared_ptr<DeviceSession> session_;
};

// Options for device `index` with everything else default (tests, benchmarks).
ExecutorOptions on_device(int index);

}  // namespace gpuexec::vk
