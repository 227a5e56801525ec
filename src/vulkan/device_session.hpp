// One opened device and its runtime, shared by the persistent backend and by the device vectors
// it hands out, so that a vector outliving its executor still frees its memory safely.
#pragma once

#include <filesystem>
#include <memory>

#include "gpuexec/options.hpp"
#include "vulkan/context.hpp"
#include "vulkan/device_runtime.hpp"

namespace gpuexec::vk {

class DeviceSession {
 public:
  DeviceSession(const ExecutorOptions& options, const std::filesystem::path& pipeline_cache_dir);
  ~DeviceSession();

  const Context& context() const { return context_; }
  DeviceRuntime& runtime() { return *runtime_; }
  const DeviceRuntime& runtime() const { return *runtime_; }
  bool lost() const { return context_.device().lost(); }

 private:
  Context context_;
  std::unique_ptr<DeviceRuntime> runtime_;
};

}  // namespace gpuexec::vk
