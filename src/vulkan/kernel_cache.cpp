#include "vulkan/kernel_cache.hpp"

#include <xxhash.h>

#include <vector>

#include "vulkan/disk_pipeline_cache.hpp"

namespace gpuexec::vk {

KernelCache::KernelCache(const LogicalDevice& device, std::filesystem::path disk_file)
    : device_(device), disk_file_(std::move(disk_file)) {
  const LogicalDevice& ctx = device;
  std::vector<uint8_t> blob;
  if (!disk_file_.empty()) {
    stats_.disk_path = disk_file_.string();
    blob = read_pipeline_cache_file(disk_file_, ctx.info(), &stats_.disk_note);
  } else {
    stats_.disk_note = "disk cache off";
  }
  VkPipelineCacheCreateInfo info{.sType = VK_STRUCTURE_TYPE_PIPELINE_CACHE_CREATE_INFO};
  info.initialDataSize = blob.size();
  info.pInitialData = blob.empty() ? nullptr : blob.data();
  if (vkCreatePipelineCache(ctx.device(), &info, nullptr, &cache_) != VK_SUCCESS && !blob.empty()) {
    // A blob that passed the header check can still be refused: start empty.
    stats_.disk_note = "driver refused the cached blob";
    blob.clear();
    info.initialDataSize = 0;
    info.pInitialData = nullptr;
    check(vkCreatePipelineCache(ctx.device(), &info, nullptr, &cache_), "vkCreatePipelineCache");
  }
  stats_.disk_loaded = !blob.empty();
  stats_.disk_bytes = blob.size();
}

KernelCache::~KernelCache() {
  save();
  kernels_.clear();
  vkDestroyPipelineCache(device_.device(), cache_, nullptr);
}

KernelCache::Key KernelCache::key(const spirv::SpirvModule& module, const KernelShape& shape) {
  XXH3_state_t* state = XXH3_createState();
  XXH3_128bits_reset(state);
  XXH3_128bits_update(state, module.words.data(), module.words.size() * sizeof(uint32_t));
  const uint32_t fixed[] = {shape.bindings, shape.push_bytes, shape.local_size};
  XXH3_128bits_update(state, fixed, sizeof(fixed));
  XXH3_128bits_update(state, shape.spec.data(), shape.spec.size() * sizeof(uint32_t));
  const XXH128_hash_t h = XXH3_128bits_digest(state);
  XXH3_freeState(state);
  return {h.high64, h.low64};
}

const Kernel& KernelCache::get(const spirv::SpirvModule& module, const KernelShape& shape) {
  const Key k = key(module, shape);
  std::lock_guard lock(mutex_);
  auto it = kernels_.find(k);
  if (it != kernels_.end()) {
    ++stats_.reused;
    return *it->second;
  }
  auto kernel = std::make_unique<Kernel>(device_, module, shape, cache_);
  ++stats_.compiled;
  return *kernels_.emplace(k, std::move(kernel)).first->second;
}

void KernelCache::save() {
  std::lock_guard lock(mutex_);
  if (disk_file_.empty() || stats_.compiled == 0) return;  // nothing new to keep
  std::size_t size = 0;
  if (vkGetPipelineCacheData(device_.device(), cache_, &size, nullptr) != VK_SUCCESS || size == 0)
    return;
  std::vector<uint8_t> blob(size);
  if (vkGetPipelineCacheData(device_.device(), cache_, &size, blob.data()) != VK_SUCCESS) return;
  blob.resize(size);
  write_pipeline_cache_file(disk_file_, blob);  // a cache: failing to write it is not an error
}

PipelineCacheStats KernelCache::stats() const {
  std::lock_guard lock(mutex_);
  return stats_;
}

}  // namespace gpuexec::vk
