// The host-visible data path: kernels read A||B from and write C to persistently mapped memory,
// so a chunk is memcpy in, one dispatch, memcpy out. A||B prefers memory that is also
// device-local (resizable BAR); C is host-cached, since the host reads it. Zero-copy on UMA
// devices and lavapipe, where one memory type is all of these.
#pragma once

#include "vulkan/chunk_slot.hpp"

namespace gpuexec::vk {

class HostVisibleSlot final : public ChunkSlot {
 public:
  HostVisibleSlot(const DeviceContext& ctx, BufferPool& pool, const KernelLayout& layout,
                  std::size_t capacity);
  DataPath path() const override { return DataPath::HostVisible; }

 private:
  void stage(const Fp* a, const Fp* b, std::size_t n) override;
  void record(VkCommandBuffer cmd, const KernelPipeline& kernel, std::size_t n) override;
  void collect(Fp* out, std::size_t n) override;

  Buffer& ab_;
  Buffer& c_;
};

}  // namespace gpuexec::vk
