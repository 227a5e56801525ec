// The device-local data path: kernels use DEVICE_LOCAL buffers; inputs arrive through an upload
// staging buffer (host-visible, coherent) and results leave through a readback staging buffer
// (host-visible, cached). Upload copy, barrier, dispatch, barrier and readback copy go in one
// command buffer; A||B crosses in one copy command of two regions. With queue timelines the
// upload and readback copies go to the transfer queue as their own submissions, ordered against
// the kernel's by the timeline semaphores.
#pragma once

#include <memory>

#include "vulkan/chunk_slot.hpp"

namespace gpuexec::vk {

class StagingSlot final : public ChunkSlot {
 public:
  StagingSlot(const DeviceContext& ctx, BufferPool& pool, const KernelLayout& layout,
              std::size_t capacity, QueueTimelines* timelines);
  ~StagingSlot() override;
  DataPath path() const override { return DataPath::DeviceLocal; }
  void submit(const KernelPipeline& kernel, const Fp* a, const Fp* b, std::size_t n) override;
  void finish(Fp* out) override;

 private:
  void record_upload(VkCommandBuffer cmd, std::size_t n) const;
  void record_readback(VkCommandBuffer cmd, std::size_t n) const;
  void stage(const Fp* a, const Fp* b, std::size_t n) override;
  void record(VkCommandBuffer cmd, const KernelPipeline& kernel, std::size_t n) override;
  void collect(Fp* out, std::size_t n) override;

  Buffer& upload_;    // A||B, host-visible
  Buffer& ab_;        // A||B, device-local
  Buffer& c_;         // C, device-local
  Buffer& readback_;  // C, host-visible cached
  // Split-queue mode only.
  QueueTimelines* timelines_;
  std::unique_ptr<CommandContext> upload_cmds_, readback_cmds_;
  uint64_t readback_done_ = 0;  // transfer timeline value of the chunk in flight
  // What the chunk in flight has submitted so far: a submission that fails midway leaves the
  // earlier ones running, and the slot must outlive them.
  uint64_t uploaded_ = 0, computed_ = 0;
};

}  // namespace gpuexec::vk
