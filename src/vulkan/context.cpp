#include "vulkan/context.hpp"

#include "gpuexec/validation_log.hpp"

namespace gpuexec::vk {

Context::Context(int device_index) : instance_(std::make_unique<Instance>(validation_requested())) {
  const std::vector<DeviceInfo> devices = query_devices(instance_->physical_devices());
  const uint32_t index = resolve_device_index(devices, device_index);
  device_ = std::make_unique<DeviceContext>(devices[index]);
}

}  // namespace gpuexec::vk
