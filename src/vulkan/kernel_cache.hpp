// Compiled kernels, each created once per device and found again by a hash of its SPIR-V and
// shape; backed by a VkPipelineCache that is saved to disk and reloaded (the seed's pipeline
// cache).
#pragma once

#include <filesystem>
#include <map>
#include <memory>
#include <mutex>
#include <string>
#include <utility>

#include "spirv/spirv_loader.hpp"
#include "vulkan/kernel.hpp"

namespace gpuexec::vk {

struct PipelineCacheStats {
  uint64_t compiled = 0;  // pipelines created in this process
  uint64_t reused = 0;    // lookups answered from memory
  bool disk_loaded = false;
  std::size_t disk_bytes = 0;
  std::string disk_path;
  std::string disk_note;  // why the disk blob was not used, when it was not
};

class KernelCache {
 public:
  using Key = std::pair<uint64_t, uint64_t>;  // XXH3 128-bit

  // disk_file empty: memory only.
  KernelCache(const LogicalDevice& device, std::filesystem::path disk_file);
  ~KernelCache();  // saves to disk
  KernelCache(const KernelCache&) = delete;
  KernelCache& operator=(const KernelCache&) = delete;

  // The kernel of this module and shape, compiled on first use. Thread-safe.
  const Kernel& get(const spirv::SpirvModule& module, const KernelShape& shape);
  void save();
  PipelineCacheStats stats() const;

  static Key key(const spirv::SpirvModule& module, const KernelShape& shape);

 private:
  const LogicalDevice& device_;
  std::filesystem::path disk_file_;
  VkPipelineCache cache_ = VK_NULL_HANDLE;
  mutable std::mutex mutex_;
  std::map<Key, std::unique_ptr<Kernel>> kernels_;
  PipelineCacheStats stats_;
};

}  // namespace gpuexec::vk
