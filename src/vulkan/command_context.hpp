// A command pool with one primary command buffer and a fence, reset and re-recorded per
// submission instead of recreated.
#pragma once

#include "vulkan/device_context.hpp"

namespace gpuexec::vk {

class CommandContext {
 public:
  CommandContext(const DeviceContext& ctx, uint32_t queue_family, VkQueue queue);
  ~CommandContext();
  CommandContext(const CommandContext&) = delete;
  CommandContext& operator=(const CommandContext&) = delete;

  // Resets the pool and begins a one-time-submit recording.
  VkCommandBuffer begin();
  // Ends the recording and hands the command buffer out, for a submission made elsewhere (with
  // semaphores); the caller waits for it before the next begin().
  VkCommandBuffer end();
  // Ends the recording and submits it; returns at once.
  void submit();
  // Waits for the last submission, polling the fence before blocking (vulkan/wait_policy.hpp);
  // poll_first: a job expected to finish within microseconds.
  void wait(bool poll_first = false);
  void submit_and_wait(bool poll_first = false) {
    submit();
    wait(poll_first);
  }
  bool pending() const { return pending_; }

 private:
  const DeviceContext& ctx_;
  VkDevice device_;
  VkQueue queue_;
  VkCommandPool pool_ = VK_NULL_HANDLE;
  VkCommandBuffer cmd_ = VK_NULL_HANDLE;
  VkFence fence_ = VK_NULL_HANDLE;
  bool pending_ = false;
};

}  // namespace gpuexec::vk
