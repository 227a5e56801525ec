// With GPUEXEC_PROFILE=1, when the split-queue schedule's submissions were made and when each
// completed, per phase (upload, compute, readback): one stderr line per busy period (from a
// submission onto idle queues until every submitted value has signalled). It shows whether
// chunk k+1's upload overlaps chunk k's kernel and chunk k-1's readback, which device time per
// pass cannot: the transfer queues' timestamps are not comparable with the host's clock.
#pragma once

#include <array>
#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <mutex>
#include <thread>
#include <vector>

#include "vulkan/logical_device.hpp"

namespace gpuexec::vk {

class QueueTrace {
 public:
  static constexpr std::size_t kPhases = 3;  // upload, compute, readback
  // Polls the phases' timeline semaphores from its own thread while work is in flight.
  QueueTrace(const LogicalDevice& device, std::array<VkSemaphore, kPhases> timelines);
  ~QueueTrace();
  QueueTrace(const QueueTrace&) = delete;
  QueueTrace& operator=(const QueueTrace&) = delete;

  // Phase `phase` was submitted to signal `value` (values count up from 1 per phase).
  void submitted(std::size_t phase, uint64_t value);

 private:
  using Clock = std::chrono::steady_clock;
  struct Event {
    uint64_t value;
    Clock::time_point submitted, done;
  };
  void poll();
  void report(Clock::time_point start) const;

  const LogicalDevice& device_;
  std::array<VkSemaphore, kPhases> timelines_;
  std::mutex mutex_;
  std::condition_variable wake_;
  bool stop_ = false;
  std::array<std::vector<Event>, kPhases> events_;  // this busy period's, per phase
  std::thread poller_;
};

}  // namespace gpuexec::vk
