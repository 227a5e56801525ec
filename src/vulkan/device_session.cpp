#include "vulkan/device_session.hpp"

#include "vulkan/disk_pipeline_cache.hpp"

namespace gpuexec::vk {

DeviceSession::DeviceSession(const ExecutorOptions& options, const std::filesystem::path& cache_dir)
    : context_(options.device_index),
      runtime_(std::make_unique<DeviceRuntime>(
          context_.device(), options,
          cache_dir.empty() ? std::filesystem::path{}
                            : pipeline_cache_file(cache_dir, context_.info()))) {}

DeviceSession::~DeviceSession() {
  runtime_.reset();
}

}  // namespace gpuexec::vk
