// The split-queue strategy: a job's copies on a transfer queue and its kernels on the compute
// queue, ordered by one timeline semaphore per queue (not a binary semaphore per job), so that
// chunk k+1 uploads while chunk k computes and chunk k-1 reads back.
#pragma once

#include <mutex>

#include "vulkan/submission.hpp"

namespace gpuexec::vk {

// The two queues' timelines, one pair per device.
class QueueTimelines {
 public:
  // transfer_queue may be the compute queue (the same schedule on a one-queue device).
  QueueTimelines(const LogicalDevice& device, uint32_t transfer_family, VkQueue transfer_queue);
  ~QueueTimelines();
  QueueTimelines(const QueueTimelines&) = delete;
  QueueTimelines& operator=(const QueueTimelines&) = delete;

  uint32_t transfer_family() const { return transfer_family_; }
  // Submit after the other queue's timeline reaches `wait` (0: no wait); return the value this
  // submission signals on its own queue's timeline.
  uint64_t submit_transfer(VkCommandBuffer cmd, uint64_t wait_compute);
  uint64_t submit_compute(VkCommandBuffer cmd, uint64_t wait_transfer);
  // Host waits until a timeline reaches value.
  void wait_transfer(uint64_t value);
  void wait_compute(uint64_t value);

 private:
  uint64_t submit(VkQueue queue, VkCommandBuffer cmd, VkSemaphore wait_sem, uint64_t wait_value,
                  VkPipelineStageFlags wait_stage, VkSemaphore signal_sem, uint64_t& counter);
  void wait(VkSemaphore timeline, uint64_t value);

  const LogicalDevice& device_;
  uint32_t transfer_family_;
  VkQueue transfer_queue_;
  VkSemaphore transfer_timeline_ = VK_NULL_HANDLE, compute_timeline_ = VK_NULL_HANDLE;
  std::mutex mutex_;  // queue access and counters
  uint64_t transfer_value_ = 0, compute_value_ = 0;
};

class TimelineSubmission final : public Submission {
 public:
  TimelineSubmission(const LogicalDevice& device, QueueTimelines& timelines, bool reuse_sets);
  ~TimelineSubmission() override;
  void submit(const Phases& phases) override;
  void wait(bool poll_first = false) override;
  bool pending() const override { return pending_; }

 private:
  QueueTimelines& timelines_;
  Recording upload_, compute_, readback_;
  // What the work in flight has submitted so far: a submission that fails midway leaves the
  // earlier ones running, and this object must outlive them.
  uint64_t uploaded_ = 0, computed_ = 0, read_back_ = 0;
  bool pending_ = false;
};

}  // namespace gpuexec::vk
