#include "vulkan/pipeline_cache.hpp"

#include <xxhash.h>

#include <vector>

#include "vulkan/disk_pipeline_cache.hpp"

namespace gpuexec::vk {

PipelineCache::PipelineCache(const DeviceContext& ctx, std::filesystem::path disk_file)
    : ctx_(ctx), disk_file_(std::move(disk_file)), layout_(ctx) {
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

PipelineCache::~PipelineCache() {
  save();
  pipelines_.clear();
  vkDestroyPipelineCache(ctx_.device(), cache_, nullptr);
}

PipelineCache::Key PipelineCache::key(const spirv::SpirvModule& module, uint32_t local_size) {
  XXH3_state_t* state = XXH3_createState();
  XXH3_128bits_reset(state);
  XXH3_128bits_update(state, module.words.data(), module.words.size() * sizeof(uint32_t));
  XXH3_128bits_update(state, &local_size, sizeof(local_size));
  const XXH128_hash_t h = XXH3_128bits_digest(state);
  XXH3_freeState(state);
  return {h.high64, h.low64};
}

const KernelPipeline& PipelineCache::get(const spirv::SpirvModule& module, uint32_t local_size) {
  const Key k = key(module, local_size);
  std::lock_guard lock(mutex_);
  auto it = pipelines_.find(k);
  if (it != pipelines_.end()) {
    ++stats_.reused;
    return *it->second;
  }
  auto pipeline = std::make_unique<KernelPipeline>(ctx_, layout_, module, local_size, cache_);
  ++stats_.compiled;
  return *pipelines_.emplace(k, std::move(pipeline)).first->second;
}

void PipelineCache::save() {
  std::lock_guard lock(mutex_);
  if (disk_file_.empty() || stats_.compiled == 0) return;  // nothing new to keep
  std::size_t size = 0;
  if (vkGetPipelineCacheData(ctx_.device(), cache_, &size, nullptr) != VK_SUCCESS || size == 0)
    return;
  std::vector<uint8_t> blob(size);
  if (vkGetPipelineCacheData(ctx_.device(), cache_, &size, blob.data()) != VK_SUCCESS) return;
  blob.resize(size);
  write_pipeline_cache_file(disk_file_, blob);  // a cache: failing to write it is not an error
}

PipelineCacheStats PipelineCache::stats() const {
  std::lock_guard lock(mutex_);
  return stats_;
}

}  // namespace gpuexec::vk
