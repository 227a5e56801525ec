// How a thread waits for the device: poll first, then block in the driver.
#pragma once

#include <chrono>
#include <thread>

#include "config/environment.hpp"
#include "vulkan/device_info.hpp"

namespace gpuexec::vk {

// How long a wait polls before it blocks. On a GPU every wait polls for up to 20 ms: on the H100
// a waiter blocked in the driver woke ~40 us late, 10-15% of a 4M-element op. A CPU driver
// (lavapipe) needs the cores for the job itself, so there only small jobs (small_job) poll, for
// 200 us. GPUEXEC_FENCE_WAIT=spin (the GPU rule everywhere) or block (the CPU rule everywhere)
// overrides.
std::chrono::microseconds spin_budget(env::FenceWait policy, const DeviceInfo& info,
                                      bool small_job);
// The same with GPUEXEC_FENCE_WAIT read now (a getenv per wait; a device object may instead read
// env::fence_wait() once when it opens and pass it above).
std::chrono::microseconds spin_budget(const DeviceInfo& info, bool small_job);

// Polls done() (yielding the core between polls) until it is true or the budget is spent;
// returns done()'s last answer.
template <class Done>
bool poll_for(std::chrono::microseconds budget, Done&& done) {
  const auto until = std::chrono::steady_clock::now() + budget;
  bool finished = done();
  while (!finished && std::chrono::steady_clock::now() < until) {
    std::this_thread::yield();
    finished = done();
  }
  return finished;
}

}  // namespace gpuexec::vk
