// How recorded work reaches the device: a submission records a job's phases (upload copies, the
// kernels, readback copies) and submits them, then waits. Two strategies: FenceSubmission puts
// every phase in one command buffer on the compute queue; TimelineSubmission puts the copies on
// the transfer queue and the kernels on the compute queue, ordered by timeline semaphores
// (queues.hpp picks one).
#pragma once

#include <functional>

#include "vulkan/recording.hpp"

namespace gpuexec::vk {

// The phases of one submission, in order; an empty phase records nothing. The last phase's
// writes are made visible to the host.
struct Phases {
  std::function<void(Recording&)> upload;    // transfer: into device buffers
  std::function<void(Recording&)> compute;   // the kernels (with their own barriers between)
  std::function<void(Recording&)> readback;  // transfer: out of device buffers
};

class Submission {
 public:
  virtual ~Submission() = default;
  // Records the phases and submits them; returns at once. The previous submission must have
  // been waited for.
  virtual void submit(const Phases& phases) = 0;
  // Waits for the submitted work, polling before blocking (wait_policy.hpp); poll_first: the work
  // is expected to finish within microseconds. A no-op when nothing is pending.
  virtual void wait(bool poll_first = false) = 0;
  virtual bool pending() const = 0;
  // Waits out anything submitted and ignores its errors (destructors, error paths).
  void abandon() noexcept {
    try {
      wait();
    } catch (...) {
      // The device is lost or worse; there is nothing left to wait for.
    }
  }
};

// Every phase in one command buffer on the compute queue, with barriers between, and a fence.
class FenceSubmission final : public Submission {
 public:
  // reuse_sets: as Recording's (only for buffers that outlive this submission).
  FenceSubmission(const LogicalDevice& device, bool reuse_sets);
  ~FenceSubmission() override;
  void submit(const Phases& phases) override;
  void wait(bool poll_first = false) override;
  bool pending() const override { return pending_; }

 private:
  const LogicalDevice& device_;
  Recording recording_;
  VkFence fence_ = VK_NULL_HANDLE;
  bool pending_ = false;
};

}  // namespace gpuexec::vk
