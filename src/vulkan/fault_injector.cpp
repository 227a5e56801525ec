#include "vulkan/fault_injector.hpp"

#include <fmt/format.h>

#include <charconv>
#include <cstdlib>

#include "gpuexec/error.hpp"

namespace gpuexec::vk {

FaultPlan parse_fault_plan(std::string_view text, std::string_view source) {
  const auto bad = [&] {
    return Error(ErrorCode::InvalidArgument,
                 fmt::format("{}: expected device-lost:N, device-oom:N or host-oom:N with N >= 1, "
                             "got '{}'",
                             source, text));
  };
  const std::size_t colon = text.find(':');
  if (colon == std::string_view::npos) throw bad();
  const std::string_view kind = text.substr(0, colon);
  const std::string_view count = text.substr(colon + 1);
  FaultPlan plan{};
  if (kind == "device-lost") {
    plan.kind = FaultKind::DeviceLost;
  } else if (kind == "device-oom") {
    plan.kind = FaultKind::DeviceOutOfMemory;
  } else if (kind == "host-oom") {
    plan.kind = FaultKind::HostOutOfMemory;
  } else {
    throw bad();
  }
  const char* end = count.data() + count.size();
  auto [ptr, ec] = std::from_chars(count.data(), end, plan.at);
  if (count.empty() || ec != std::errc{} || ptr != end || plan.at == 0) throw bad();
  return plan;
}

std::optional<FaultPlan> fault_plan_from_env() {
  const char* value = std::getenv("GPUEXEC_INJECT_FAULT");
  if (value == nullptr || *value == '\0') return std::nullopt;
  return parse_fault_plan(value, "GPUEXEC_INJECT_FAULT");
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
