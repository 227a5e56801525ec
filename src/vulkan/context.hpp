// Instance + the chosen device: everything a backend needs before it creates its own objects.
#pragma once

#include <memory>
#include <vector>

#include "vulkan/device_context.hpp"
#include "vulkan/device_info.hpp"
#include "vulkan/instance.hpp"

namespace gpuexec::vk {

class Context {
 public:
  // device_index -1: GPUEXEC_DEVICE, else the best usable device. Validation follows
  // GPUEXEC_VALIDATION.
  explicit Context(int device_index);

  const Instance& instance() const { return *instance_; }
  const DeviceContext& device() const { return *device_; }
  const DeviceInfo& info() const { return device_->info(); }

 private:
  std::unique_ptr<Instance> instance_;
  std::unique_ptr<DeviceContext> device_;
};

}  // namespace gpuexec::vk
