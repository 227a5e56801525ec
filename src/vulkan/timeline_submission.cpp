#include "vulkan/timeline_submission.hpp"

#include <algorithm>
#include <cstdint>

#include "config/environment.hpp"
#include "vulkan/wait_policy.hpp"

namespace gpuexec::vk {

namespace {
VkSemaphore make_timeline(VkDevice device) {
  VkSemaphoreTypeCreateInfo type{.sType = VK_STRUCTURE_TYPE_SEMAPHORE_TYPE_CREATE_INFO};
  type.semaphoreType = VK_SEMAPHORE_TYPE_TIMELINE;
  type.initialValue = 0;
  VkSemaphoreCreateInfo info{.sType = VK_STRUCTURE_TYPE_SEMAPHORE_CREATE_INFO};
  info.pNext = &type;
  VkSemaphore sem = VK_NULL_HANDLE;
  check(vkCreateSemaphore(device, &info, nullptr, &sem), "vkCreateSemaphore");
  return sem;
}
}  // namespace

QueueTimelines::QueueTimelines(const LogicalDevice& device, uint32_t transfer_family,
                               VkQueue upload_queue, VkQueue readback_queue)
    : device_(device), transfer_family_(transfer_family) {
  upload_.queue = upload_queue;
  compute_.queue = device.compute_queue();
  readback_.queue = readback_queue;
  try {
    for (Phase* p : {&upload_, &compute_, &readback_}) p->timeline = make_timeline(device.device());
    if (env::profile()) {
      trace_ = std::make_unique<QueueTrace>(
          device, std::array{upload_.timeline, compute_.timeline, readback_.timeline});
    }
  } catch (...) {
    for (Phase* p : {&upload_, &compute_, &readback_}) {
      if (p->timeline) vkDestroySemaphore(device.device(), p->timeline, nullptr);
    }
    throw;
  }
}

QueueTimelines::~QueueTimelines() {
  // Nothing may still wait on or signal the semaphores.
  for (Phase* p : {&upload_, &compute_, &readback_}) vkQueueWaitIdle(p->queue);
  trace_.reset();  // it polls the semaphores
  for (Phase* p : {&upload_, &compute_, &readback_}) {
    vkDestroySemaphore(device_.device(), p->timeline, nullptr);
  }
}

uint64_t QueueTimelines::submit(Phase& phase, VkCommandBuffer cmd, const Phase& after,
                                uint64_t wait_value, VkPipelineStageFlags wait_stage) {
  std::lock_guard lock(mutex_);
  const uint64_t signal_value = ++phase.value;
  VkTimelineSemaphoreSubmitInfo values{.sType = VK_STRUCTURE_TYPE_TIMELINE_SEMAPHORE_SUBMIT_INFO};
  values.waitSemaphoreValueCount = wait_value ? 1 : 0;
  values.pWaitSemaphoreValues = &wait_value;
  values.signalSemaphoreValueCount = 1;
  values.pSignalSemaphoreValues = &signal_value;
  VkSubmitInfo submit{.sType = VK_STRUCTURE_TYPE_SUBMIT_INFO};
  submit.pNext = &values;
  if (wait_value) {
    submit.waitSemaphoreCount = 1;
    submit.pWaitSemaphores = &after.timeline;
    submit.pWaitDstStageMask = &wait_stage;
  }
  submit.commandBufferCount = 1;
  submit.pCommandBuffers = &cmd;
  submit.signalSemaphoreCount = 1;
  submit.pSignalSemaphores = &phase.timeline;
  const VkResult r = device_.submit(phase.queue, submit, VK_NULL_HANDLE);
  if (r != VK_SUCCESS) --phase.value;
  device_.check(r, "vkQueueSubmit");
  if (trace_) trace_->submitted(&phase == &upload_ ? 0 : &phase == &compute_ ? 1 : 2, signal_value);
  return signal_value;
}

uint64_t QueueTimelines::submit_upload(VkCommandBuffer cmd, uint64_t wait_readback) {
  return submit(upload_, cmd, readback_, wait_readback, VK_PIPELINE_STAGE_TRANSFER_BIT);
}

uint64_t QueueTimelines::submit_compute(VkCommandBuffer cmd, uint64_t wait_upload) {
  return submit(compute_, cmd, upload_, wait_upload, VK_PIPELINE_STAGE_COMPUTE_SHADER_BIT);
}

uint64_t QueueTimelines::submit_readback(VkCommandBuffer cmd, uint64_t wait_compute) {
  return submit(readback_, cmd, compute_, wait_compute, VK_PIPELINE_STAGE_TRANSFER_BIT);
}

void QueueTimelines::wait(VkSemaphore timeline, uint64_t value) {
  uint64_t reached = 0;
  const bool done = poll_for(spin_budget(device_.info(), false), [&] {
    return vkGetSemaphoreCounterValue(device_.device(), timeline, &reached) != VK_SUCCESS ||
           reached >= value;  // on an error, the blocking wait below reports it
  });
  if (done && reached >= value) return;
  VkSemaphoreWaitInfo info{.sType = VK_STRUCTURE_TYPE_SEMAPHORE_WAIT_INFO};
  info.semaphoreCount = 1;
  info.pSemaphores = &timeline;
  info.pValues = &value;
  device_.check(vkWaitSemaphores(device_.device(), &info, UINT64_MAX), "vkWaitSemaphores");
}

TimelineSubmission::TimelineSubmission(const LogicalDevice& device, QueueTimelines& timelines,
                                       bool reuse_sets)
    : timelines_(timelines),
      upload_(device, timelines.transfer_family(), reuse_sets),
      compute_(device, device.compute_family(), reuse_sets),
      readback_(device, timelines.transfer_family(), reuse_sets) {}

TimelineSubmission::~TimelineSubmission() {
  abandon();
}

void TimelineSubmission::submit(const Phases& phases) {
  uploaded_ = computed_ = read_back_ = 0;
  pending_ = true;
  // upload -> (transfer timeline) -> kernels -> (compute timeline) -> readback -> host.
  if (phases.upload) {
    upload_.begin();
    phases.upload(upload_);
    uploaded_ = timelines_.submit_upload(upload_.end(), last_read_back_);
  }
  compute_.begin();
  if (phases.compute) phases.compute(compute_);
  if (!phases.readback) compute_.barrier(Hazard::ToHost);
  computed_ = timelines_.submit_compute(compute_.end(), uploaded_);
  if (phases.readback) {
    readback_.begin();
    phases.readback(readback_);
    readback_.barrier(Hazard::ToHost);
    read_back_ = timelines_.submit_readback(readback_.end(), computed_);
    last_read_back_ = read_back_;
  }
}

void TimelineSubmission::wait(bool /*poll_first*/) {
  if (!pending_) return;
  pending_ = false;  // whatever the outcome, this submission is over for us
  if (read_back_) {
    timelines_.wait_readback(read_back_);  // the last of the three
    return;
  }
  // Nothing read back (no readback phase, or its submission failed): wait out what did go.
  if (computed_) timelines_.wait_compute(computed_);
  if (uploaded_) timelines_.wait_upload(uploaded_);
}

}  // namespace gpuexec::vk
