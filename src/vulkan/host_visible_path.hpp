// The host-visible data path: kernels read and write persistently mapped buffers, so a job is
// memcpy in, one dispatch per chunk, memcpy out. Zero-copy where the memory is also device-local
// (lavapipe, integrated GPUs, resizable BAR).
#pragma once

#include <memory>
#include <span>

#include "gpuexec/fp.hpp"
#include "gpuexec/op.hpp"
#include "vulkan/buffer.hpp"
#include "vulkan/command_context.hpp"
#include "vulkan/pipeline_cache.hpp"
#include "vulkan/runner_settings.hpp"

namespace gpuexec::vk {

class HostVisiblePath {
 public:
  HostVisiblePath(const DeviceContext& ctx, PipelineCache& pipelines, RunnerSettings settings);
  ~HostVisiblePath();
  HostVisiblePath(const HostVisiblePath&) = delete;
  HostVisiblePath& operator=(const HostVisiblePath&) = delete;

  // out[i] = a[i] op b[i]; equal sizes; out may alias a or b (inputs are copied in first).
  void run(Op op, std::span<const Fp> a, std::span<const Fp> b, std::span<Fp> out);

  std::size_t capacity_elems() const { return capacity_; }
  const RunnerSettings& settings() const { return settings_; }

 private:
  void ensure_capacity(std::size_t elems);
  void run_chunk(const KernelPipeline& kernel, const Fp* a, const Fp* b, Fp* out, std::size_t n);

  const DeviceContext& ctx_;
  PipelineCache& pipelines_;
  RunnerSettings settings_;
  CommandContext commands_;
  VkDescriptorPool descriptor_pool_ = VK_NULL_HANDLE;
  VkDescriptorSet set_ = VK_NULL_HANDLE;
  std::unique_ptr<Buffer> a_, b_, c_;
  std::size_t capacity_ = 0;
};

}  // namespace gpuexec::vk
