// Device time per pass of a multi-pass kernel (the NTT's, the MSM's) when GPUEXEC_PROFILE=1: a
// timestamp after each pass of one recording, the differences summed per pass name and printed
// to stderr once the submission has completed, with the host's time between host marks (the
// host's share of a call: copies, submission, the wait, the work after). Off, every call is a
// no-op.
#pragma once

#include <chrono>
#include <cstdint>
#include <string>
#include <utility>
#include <vector>

#include "vulkan/gpu_timer.hpp"
#include "vulkan/logical_device.hpp"
#include "vulkan/recording.hpp"

namespace gpuexec::vk {

class PassProfile {
 public:
  // `what` names the work in the report; at most `capacity` marks are kept (later ones dropped).
  PassProfile(const LogicalDevice& ctx, std::string what, uint32_t capacity);
  ~PassProfile();
  PassProfile(const PassProfile&) = delete;
  PassProfile& operator=(const PassProfile&) = delete;

  bool on() const { return pool_ != VK_NULL_HANDLE; }
  // The first timestamp: recorded before the first pass.
  void start(Recording& r);
  // A timestamp after the pass `name` (a string literal) and its barrier.
  void mark(Recording& r, const char* name);
  // On the host: the time since the previous host mark (or the construction) spent on `name`.
  void host_mark(const char* name);
  // After the submission completed: one stderr line, each pass's total and share, then the host
  // marks.
  void report() const;

 private:
  const LogicalDevice& ctx_;
  std::string what_;
  uint32_t capacity_;
  VkQueryPool pool_ = VK_NULL_HANDLE;
  TimestampScale scale_;
  std::vector<const char*> names_;  // names_[i]: the pass that ends at timestamp i + 1
  std::chrono::steady_clock::time_point host_last_;
  std::vector<std::pair<const char*, double>> host_ms_;
};

}  // namespace gpuexec::vk
