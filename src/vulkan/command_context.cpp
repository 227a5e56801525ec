#include "vulkan/command_context.hpp"

#include <cstdint>

#include "vulkan/wait_policy.hpp"

namespace gpuexec::vk {

CommandContext::CommandContext(const DeviceContext& ctx, uint32_t queue_family, VkQueue queue)
    : ctx_(ctx), device_(ctx.device()), queue_(queue) {
  VkCommandPoolCreateInfo pool_info{.sType = VK_STRUCTURE_TYPE_COMMAND_POOL_CREATE_INFO};
  pool_info.flags = VK_COMMAND_POOL_CREATE_TRANSIENT_BIT;
  pool_info.queueFamilyIndex = queue_family;
  check(vkCreateCommandPool(device_, &pool_info, nullptr, &pool_), "vkCreateCommandPool");
  try {
    VkCommandBufferAllocateInfo alloc{.sType = VK_STRUCTURE_TYPE_COMMAND_BUFFER_ALLOCATE_INFO};
    alloc.commandPool = pool_;
    alloc.level = VK_COMMAND_BUFFER_LEVEL_PRIMARY;
    alloc.commandBufferCount = 1;
    check(vkAllocateCommandBuffers(device_, &alloc, &cmd_), "vkAllocateCommandBuffers");
    VkFenceCreateInfo fence_info{.sType = VK_STRUCTURE_TYPE_FENCE_CREATE_INFO};
    check(vkCreateFence(device_, &fence_info, nullptr, &fence_), "vkCreateFence");
  } catch (...) {
    vkDestroyCommandPool(device_, pool_, nullptr);
    throw;
  }
}

CommandContext::~CommandContext() {
  // Never free a command buffer the device may still run.
  if (pending_) vkWaitForFences(device_, 1, &fence_, VK_TRUE, UINT64_MAX);
  vkDestroyFence(device_, fence_, nullptr);
  vkDestroyCommandPool(device_, pool_, nullptr);
}

VkCommandBuffer CommandContext::begin() {
  check(vkResetCommandPool(device_, pool_, 0), "vkResetCommandPool");
  VkCommandBufferBeginInfo info{.sType = VK_STRUCTURE_TYPE_COMMAND_BUFFER_BEGIN_INFO};
  info.flags = VK_COMMAND_BUFFER_USAGE_ONE_TIME_SUBMIT_BIT;
  check(vkBeginCommandBuffer(cmd_, &info), "vkBeginCommandBuffer");
  return cmd_;
}

VkCommandBuffer CommandContext::end() {
  check(vkEndCommandBuffer(cmd_), "vkEndCommandBuffer");
  return cmd_;
}

void CommandContext::submit() {
  check(vkEndCommandBuffer(cmd_), "vkEndCommandBuffer");
  VkSubmitInfo submit{.sType = VK_STRUCTURE_TYPE_SUBMIT_INFO};
  submit.commandBufferCount = 1;
  submit.pCommandBuffers = &cmd_;
  check(ctx_.submit(queue_, submit, fence_), "vkQueueSubmit");
  pending_ = true;
}

void CommandContext::wait(bool poll_first) {
  if (!pending_) return;
  // A sleeping thread takes longer to wake than small jobs take to run: poll first.
  VkResult status = VK_NOT_READY;
  poll_for(spin_budget(ctx_.info(), poll_first), [&] {
    status = vkGetFenceStatus(device_, fence_);
    return status != VK_NOT_READY;
  });
  if (status == VK_NOT_READY) {
    status = vkWaitForFences(device_, 1, &fence_, VK_TRUE, UINT64_MAX);
  }
  pending_ = false;  // whatever the outcome, this submission is over for us
  ctx_.check(status, "vkWaitForFences");
  check(vkResetFences(device_, 1, &fence_), "vkResetFences");
}

}  // namespace gpuexec::vk
