// The split-queue strategy: a job's copies on transfer queues and its kernels on the compute
// queue, ordered by one timeline semaphore per phase (not a binary semaphore per job), so that
// chunk k+1 uploads while chunk k computes and chunk k-1 reads back. Uploads and readbacks have a
// queue each where the transfer family has two: on one queue a readback waiting for its kernel
// holds up every upload behind it.
#pragma once

#include <memory>
#include <mutex>

#include "vulkan/queue_trace.hpp"
#include "vulkan/submission.hpp"

namespace gpuexec::vk {

// The three phases' queues and timelines, one set per device.
class QueueTimelines {
 public:
  // The upload and readback queues may be one queue, and that may be the compute queue (the same
  // schedule on a one-queue device).
  QueueTimelines(const LogicalDevice& device, uint32_t transfer_family, VkQueue upload_queue,
                 VkQueue readback_queue);
  ~QueueTimelines();
  QueueTimelines(const QueueTimelines&) = delete;
  QueueTimelines& operator=(const QueueTimelines&) = delete;

  uint32_t transfer_family() const { return transfer_family_; }
  // Submit after the previous phase's timeline reaches `wait` (0: no wait); return the value
  // this submission signals on its own phase's timeline. An upload waits for the readback that
  // last used its slot's buffers.
  uint64_t submit_upload(VkCommandBuffer cmd, uint64_t wait_readback);
  uint64_t submit_compute(VkCommandBuffer cmd, uint64_t wait_upload);
  uint64_t submit_readback(VkCommandBuffer cmd, uint64_t wait_compute);
  // Host waits until a phase's timeline reaches value.
  void wait_upload(uint64_t value) { wait(upload_.timeline, value); }
  void wait_compute(uint64_t value) { wait(compute_.timeline, value); }
  void wait_readback(uint64_t value) { wait(readback_.timeline, value); }

 private:
  struct Phase {
    VkQueue queue = VK_NULL_HANDLE;
    VkSemaphore timeline = VK_NULL_HANDLE;
    uint64_t value = 0;  // the last value submitted to signal
  };
  uint64_t submit(Phase& phase, VkCommandBuffer cmd, const Phase& after, uint64_t wait_value,
                  VkPipelineStageFlags wait_stage);
  void wait(VkSemaphore timeline, uint64_t value);

  const LogicalDevice& device_;
  uint32_t transfer_family_;
  Phase upload_, compute_, readback_;
  std::mutex mutex_;                   // queue access and counters
  std::unique_ptr<QueueTrace> trace_;  // GPUEXEC_PROFILE=1 only
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
  uint64_t last_read_back_ = 0;  // the previous submission's readback: its buffers were in use
  bool pending_ = false;
};

}  // namespace gpuexec::vk
