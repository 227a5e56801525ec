// The device-local data path: kernels use DEVICE_LOCAL buffers; inputs arrive through an upload
// staging buffer (host-visible, coherent) and results leave through a readback staging buffer
// (host-visible, cached). Upload copy, barrier, dispatch, barrier and readback copy go in one
// command buffer; A||B crosses in one copy command of two regions.
#pragma once

#include "vulkan/chunk_slot.hpp"

namespace gpuexec::vk {

class StagingSlot final : public ChunkSlot {
 public:
  StagingSlot(const DeviceContext& ctx, BufferPool& pool, const KernelLayout& layout,
              std::size_t capacity);
  DataPath path() const override { return DataPath::DeviceLocal; }

 private:
  void stage(const Fp* a, const Fp* b, std::size_t n) override;
  void record(VkCommandBuffer cmd, const KernelPipeline& kernel, std::size_t n) override;
  void collect(Fp* out, std::size_t n) override;

  Buffer& upload_;    // A||B, host-visible
  Buffer& ab_;        // A||B, device-local
  Buffer& c_;         // C, device-local
  Buffer& readback_;  // C, host-visible cached
};

}  // namespace gpuexec::vk
