// Test hook: makes one device's Vulkan calls fail the way a failing driver does, so that the paths
// for device loss and memory exhaustion run on any device, lavapipe included. Armed from
// GPUEXEC_INJECT_FAULT when the device opens, or by tests through arm().
#pragma once

#include <cstdint>
#include <mutex>
#include <optional>
#include <string_view>

#include "config/environment.hpp"
#include "vulkan/vk.hpp"

namespace gpuexec::vk {

// The plan's grammar is the environment's (GPUEXEC_INJECT_FAULT): one type for both.
using FaultKind = env::FaultKind;
using FaultPlan = env::FaultPlan;

// "device-lost:N", "device-oom:N" or "host-oom:N"; throws InvalidArgument naming `source`.
FaultPlan parse_fault_plan(std::string_view text, std::string_view source);
// From GPUEXEC_INJECT_FAULT; nullopt when unset or empty.
std::optional<FaultPlan> fault_plan_from_env();

class FaultInjector {
 public:
  explicit FaultInjector(std::optional<FaultPlan> plan = std::nullopt) : plan_(plan) {}

  // Replaces the plan and restarts the counts.
  void arm(FaultPlan plan);
  // No more faults, as when memory is freed elsewhere; a lost device stays lost.
  void disarm();
  // VK_SUCCESS, or the result injected into this call. LogicalDevice keeps a device it saw lost
  // lost, so these are not asked again after an injected loss.
  VkResult before_submit();
  VkResult before_allocate();

 private:
  std::mutex mutex_;
  std::optional<FaultPlan> plan_;
  uint64_t submits_ = 0, allocations_ = 0;
};

}  // namespace gpuexec::vk
