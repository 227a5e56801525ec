#include "vulkan/submission.hpp"
#include "vulkan/wait_policy.hpp"

namespace gpuexec::vk {

FenceSubmission::FenceSubmission(const LogicalDevice& device, bool reuse_sets)
    : device_(device), recording_(device, device.compute_family(), reuse_sets) {
  VkFenceCreateInfo info{.sType = VK_STRUCTURE_TYPE_FENCE_CREATE_INFO};
  check(vkCreateFence(device.device(), &info, nullptr, &fence_), "vkCreateFence");
}

FenceSubmission::~FenceSubmission() {
  // Never free a command buffer the device may still run.
  if (pending_) vkWaitForFences(device_.device(), 1, &fence_, VK_TRUE, UINT64_MAX);
  vkDestroyFence(device_.device(), fence_, nullptr);
}

void FenceSubmission::submit(const Phases& phases) {
  recording_.begin();
  if (phases.upload) {
    phases.upload(recording_);
    recording_.barrier(Hazard::UploadToKernel);
  }
  if (phases.compute) phases.compute(recording_);
  if (phases.readback) {
    recording_.barrier(Hazard::KernelToReadback);
    phases.readback(recording_);
  }
  recording_.barrier(Hazard::ToHost);
  VkCommandBuffer cmd = recording_.end();
  VkSubmitInfo submit{.sType = VK_STRUCTURE_TYPE_SUBMIT_INFO};
  submit.commandBufferCount = 1;
  submit.pCommandBuffers = &cmd;
  device_.check(device_.submit(device_.compute_queue(), submit, fence_), "vkQueueSubmit");
  pending_ = true;
}

void FenceSubmission::wait(bool poll_first) {
  if (!pending_) return;
  // A sleeping thread takes longer to wake than small jobs take to run: poll first.
  VkResult status = VK_NOT_READY;
  poll_for(spin_budget(device_.info(), poll_first), [&] {
    status = vkGetFenceStatus(device_.device(), fence_);
    return status != VK_NOT_READY;
  });
  if (status == VK_NOT_READY) {
    status = vkWaitForFences(device_.device(), 1, &fence_, VK_TRUE, UINT64_MAX);
  }
  pending_ = false;  // whatever the outcome, this submission is over for us
  device_.check(status, "vkWaitForFences");
  check(vkResetFences(device_.device(), 1, &fence_), "vkResetFences");
}

}  // namespace gpuexec::vk
