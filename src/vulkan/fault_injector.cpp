#include "vulkan/fault_injector.hpp"

namespace gpuexec::vk {

FaultPlan parse_fault_plan(std::string_view text, std::string_view source) {
  return env::parse_fault_plan(text, source);
}

std::optional<FaultPlan> fault_plan_from_env() {
  return env::inject_fault();
}

void FaultInjector::arm(FaultPlan plan) {
  std::lock_guard lock(mutex_);
  plan_ = plan;
  submits_ = allocations_ = 0;
}

void FaultInjector::disarm() {
  std::lock_guard lock(mutex_);
  plan_.reset();
}

VkResult FaultInjector::before_submit() {
  std::lock_guard lock(mutex_);
  if (!plan_ || plan_->kind != FaultKind::DeviceLost) return VK_SUCCESS;
  return ++submits_ < plan_->at ? VK_SUCCESS : VK_ERROR_DEVICE_LOST;
}

VkResult FaultInjector::before_allocate() {
  std::lock_guard lock(mutex_);
  if (!plan_ || plan_->kind == FaultKind::DeviceLost) return VK_SUCCESS;
  if (++allocations_ < plan_->at) return VK_SUCCESS;
  return plan_->kind == FaultKind::HostOutOfMemory ? VK_ERROR_OUT_OF_HOST_MEMORY
                                                   : VK_ERROR_OUT_OF_DEVICE_MEMORY;
}

}  // namespace gpuexec::vk
