#include "vulkan/submit_queues.hpp"

namespace gpuexec::vk {

SubmitQueues::SubmitQueues(const LogicalDevice& device, bool force_split) : device_(device) {
  if (!device.timeline_semaphores()) return;
  if (device.transfer_family()) {
    timelines_ = std::make_unique<QueueTimelines>(device, *device.transfer_family(),
                                                  device.transfer_queue(), device.readback_queue());
  } else if (force_split) {
    timelines_ = std::make_unique<QueueTimelines>(device, device.compute_family(),
                                                  device.compute_queue(), device.compute_queue());
  }
}

std::unique_ptr<Submission> SubmitQueues::for_copies(bool reuse_sets) const {
  if (!timelines_) return on_compute(reuse_sets);
  return std::make_unique<TimelineSubmission>(device_, *timelines_, reuse_sets);
}

std::unique_ptr<Submission> SubmitQueues::on_compute(bool reuse_sets) const {
  return std::make_unique<FenceSubmission>(device_, reuse_sets);
}

}  // namespace gpuexec::vk
