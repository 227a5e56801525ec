// The persistent backend: one long-lived instance, device, pipeline cache (memory and disk),
// command and descriptor pools and mapped buffers, reused by every job.
#pragma once

#include <mutex>

#include "gpuexec/backend.hpp"
#include "vulkan/context.hpp"
#include "vulkan/host_visible_path.hpp"
#include "vulkan/pipeline_cache.hpp"

namespace gpuexec::vk {

class PersistentBackend final : public Backend {
 public:
  // device_index -1: GPUEXEC_DEVICE, else the best device. pipeline_cache_dir empty: no disk cache.
  PersistentBackend(int device_index, const std::filesystem::path& pipeline_cache_dir);
  explicit PersistentBackend(int device_index = -1);

  std::string name() const override;
  void run(Op op, std::span<const Fp> a, std::span<const Fp> b, std::span<Fp> out) override;

  const DeviceInfo& device_info() const { return context_.info(); }
  PipelineCacheStats pipeline_stats() const { return pipelines_.stats(); }
  void save_pipeline_cache() { pipelines_.save(); }

 private:
  Context context_;
  PipelineCache pipelines_;
  std::mutex mutex_;  // one job at a time on the shared path
  HostVisiblePath path_;
};

}  // namespace gpuexec::vk
