#include "vulkan/queue_trace.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cstdio>
#include <string>

namespace gpuexec::vk {

namespace {
constexpr const char* kPhaseNames[QueueTrace::kPhases] = {"upload", "compute", "readback"};
}

QueueTrace::QueueTrace(const LogicalDevice& device, std::array<VkSemaphore, kPhases> timelines)
    : device_(device), timelines_(timelines), poller_([this] { poll(); }) {}

QueueTrace::~QueueTrace() {
  {
    std::lock_guard lock(mutex_);
    stop_ = true;
  }
  wake_.notify_one();
  poller_.join();
}

void QueueTrace::submitted(std::size_t phase, uint64_t value) {
  {
    std::lock_guard lock(mutex_);
    events_[phase].push_back({value, Clock::now(), {}});
  }
  wake_.notify_one();
}

void QueueTrace::poll() {
  std::unique_lock lock(mutex_);
  for (;;) {
    wake_.wait(lock, [&] {
      return stop_ || !events_[0].empty() || !events_[1].empty() || !events_[2].empty();
    });
    if (stop_) return;
    Clock::time_point start = Clock::time_point::max();
    for (const auto& e : events_) {
      if (!e.empty() && e.front().submitted < start) start = e.front().submitted;
    }
    // Spin until every event so far has signalled; submissions may keep coming meanwhile.
    for (;;) {
      bool idle = true;
      for (std::size_t p = 0; p < kPhases; ++p) {
        uint64_t reached = 0;
        if (vkGetSemaphoreCounterValue(device_.device(), timelines_[p], &reached) != VK_SUCCESS) {
          reached = ~uint64_t{0};  // a lost device: end the period
        }
        const Clock::time_point now = Clock::now();
        for (Event& e : events_[p]) {
          if (e.done == Clock::time_point{} && e.value <= reached) e.done = now;
          idle = idle && e.done != Clock::time_point{};
        }
      }
      if (idle || stop_) break;
      lock.unlock();
      std::this_thread::yield();
      lock.lock();
    }
    report(start);
    for (auto& e : events_) e.clear();
  }
}

// "upload 0.000-1.950 0.012-3.901 ...": each submission's host time and completion, in ms from
// the period's first submission.
void QueueTrace::report(Clock::time_point start) const {
  const auto ms = [&](Clock::time_point t) {
    return std::chrono::duration<double, std::milli>(t - start).count();
  };
  double end = 0;
  std::string phases;
  for (std::size_t p = 0; p < kPhases; ++p) {
    if (events_[p].empty()) continue;
    phases += fmt::format("; {}", kPhaseNames[p]);
    for (const Event& e : events_[p]) {
      phases += fmt::format(" {:.3f}-{:.3f}", ms(e.submitted), ms(e.done));
      end = std::max(end, ms(e.done));
    }
  }
  std::fprintf(stderr, "gpuexec profile: queues busy %.3f ms (submitted-signalled)%s\n", end,
               phases.c_str());
}

}  // namespace gpuexec::vk
