// The staging path's copies on a dedicated transfer queue and its kernels on the compute queue,
// ordered by one timeline semaphore per queue (not a binary semaphore per job): chunk k+1 uploads
// while chunk k computes and chunk k-1 reads back.
#pragma once

#include <memory>
#include <mutex>

#include "vulkan/device_context.hpp"

namespace gpuexec::vk {

class QueueTimelines {
 public:
  // Split queues when the device has a dedicated transfer family and timeline semaphores.
  // `force` (GPUEXEC_SPLIT_QUEUES=1) splits onto the compute queue alone: the same semaphore
  // schedule on single-queue devices, so that lavapipe tests it. nullptr when not split.
  static std::unique_ptr<QueueTimelines> create(const DeviceContext& ctx, bool force);
  QueueTimelines(const DeviceContext& ctx, uint32_t transfer_family, VkQueue transfer_queue);
  ~QueueTimelines();
  QueueTimelines(const QueueTimelines&) = delete;
  QueueTimelines& operator=(const QueueTimelines&) = delete;

  uint32_t transfer_family() const { return transfer_family_; }
  bool dedicated() const { return transfer_queue_ != ctx_.compute_queue(); }

  // Submit after the other queue's timeline reaches `wait` (0: no wait); return the value this
  // submission signals on its own queue's timeline.
  uint64_t submit_transfer(VkCommandBuffer cmd, uint64_t wait_compute);
  uint64_t submit_compute(VkCommandBuffer cmd, uint64_t wait_transfer);
  // Host wait until the transfer timeline reaches value.
  void wait_transfer(uint64_t value);
  void wait_compute(uint64_t value);

 private:
  uint64_t submit(VkQueue queue, VkCommandBuffer cmd, VkSemaphore wait_sem, uint64_t wait_value,
                  VkPipelineStageFlags wait_stage, VkSemaphore signal_sem, uint64_t& counter);

  const DeviceContext& ctx_;
  uint32_t transfer_family_;
  VkQueue transfer_queue_;
  VkSemaphore transfer_timeline_ = VK_NULL_HANDLE, compute_timeline_ = VK_NULL_HANDLE;
  std::mutex mutex_;  // queue access and counters
  uint64_t transfer_value_ = 0, compute_value_ = 0;
  void wait(VkSemaphore timeline, uint64_t value);
};

}  // namespace gpuexec::vk
