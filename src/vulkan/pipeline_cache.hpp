// Compiled kernels, each created once per device and found again by a hash of its SPIR-V and
// specialization constants; backed by a VkPipelineCache that is saved to disk and reloaded.
#pragma once

#include <filesystem>
#include <map>
#include <memory>
#include <mutex>
#include <string>
#include <utility>

#include "spirv/spirv_loader.hpp"
#include "vulkan/device_context.hpp"
#include "vulkan/kernel_layout.hpp"
#include "vulkan/kernel_pipeline.hpp"

namespace gpuexec::vk {

struct PipelineCacheStats {
  uint64_t compiled = 0;  // pipelines created in this process
  uint64_t reused = 0;    // lookups answered from memory
  bool disk_loaded = false;
  std::size_t disk_bytes = 0;
  std::string disk_path;
  std::string disk_note;  // why the disk blob was not used, when it was not
};

class PipelineCache {
 public:
  using Key = std::pair<uint64_t, uint64_t>;  // XXH3 128-bit

  // disk_file empty: memory only.
  PipelineCache(const DeviceContext& ctx, std::filesystem::path disk_file);
  ~PipelineCache();  // saves to disk
  PipelineCache(const PipelineCache&) = delete;
  PipelineCache& operator=(const PipelineCache&) = delete;

  const KernelPipeline& get(const spirv::SpirvModule& module, uint32_t local_size);
  const KernelLayout& layout() const { return layout_; }
  void save();
  PipelineCacheStats stats() const;

  static Key key(const spirv::SpirvModule& module, uint32_t local_size);

 private:
  const DeviceContext& ctx_;
  std::filesystem::path disk_file_;
  KernelLayout layout_;
  VkPipelineCache cache_ = VK_NULL_HANDLE;
  mutable std::mutex mutex_;
  std::map<Key, std::unique_ptr<KernelPipeline>> pipelines_;
  PipelineCacheStats stats_;
};

}  // namespace gpuexec::vk
