// Which submission strategy the device's work gets: copies and kernels split over a transfer and
// a compute queue (timeline semaphores) where the device has a dedicated transfer family, or
// where GPUEXEC_SPLIT_QUEUES=1 forces the same schedule onto the compute queue alone (so that
// lavapipe tests it); else everything in one command buffer on the compute queue.
#pragma once

#include <memory>

#include "vulkan/timeline_submission.hpp"

namespace gpuexec::vk {

class SubmitQueues {
 public:
  SubmitQueues(const LogicalDevice& device, bool force_split);
  bool split() const { return timelines_ != nullptr; }

  // For work with upload and readback copies (the staging path): split where split() says.
  std::unique_ptr<Submission> for_copies(bool reuse_sets) const;
  // One command buffer on the compute queue.
  std::unique_ptr<Submission> on_compute(bool reuse_sets) const;

 private:
  const LogicalDevice& device_;
  std::unique_ptr<QueueTimelines> timelines_;
};

}  // namespace gpuexec::vk
