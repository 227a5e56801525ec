// A device's measured throughput for the scheduler: elements per second, smoothed over the parts
// of batches it ran. Parts too small to time (latency, not throughput) are ignored.
#pragma once

#include <cstddef>
#include <mutex>

namespace gpuexec::multi {

class DeviceSpeed {
 public:
  static constexpr std::size_t kMinTimedElements = 1 << 16;

  void record(std::size_t elements, double seconds) {
    if (elements < kMinTimedElements || seconds <= 0) return;
    const double sample = static_cast<double>(elements) / seconds;
    std::lock_guard lock(mutex_);
    // New samples weigh 1/2: devices' speeds change with clocks and load, and a few batches
    // should be enough to follow.
    speed_ = speed_ == 0 ? sample : 0.5 * speed_ + 0.5 * sample;
  }
  // 0 until a part has been timed.
  double measured() const {
    std::lock_guard lock(mutex_);
    return speed_;
  }

 private:
  mutable std::mutex mutex_;
  double speed_ = 0;
};

}  // namespace gpuexec::multi
