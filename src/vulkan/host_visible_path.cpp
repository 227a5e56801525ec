#include "vulkan/host_visible_path.hpp"

#include "cpu/parallel_copy.hpp"
#include "gpuexec/error.hpp"

namespace gpuexec::vk {

HostVisibleSlot::HostVisibleSlot(const DeviceContext& ctx, BufferPool& pool,
                                 const KernelLayout& layout, std::size_t capacity)
    : ChunkSlot(ctx, pool, layout, capacity),
      ab_(take(MemoryUse::HostVisible, b_offset() + vector_bytes())),
      // The host reads C back: it must be cached memory. Reading the device-local host-visible
      // (BAR) memory that suits the inputs ran at ~30 MB/s on an H100.
      c_(take(MemoryUse::Readback, vector_bytes())) {
  if (!ab_.mapped() || !c_.mapped())
    throw Error(ErrorCode::Internal, "host-visible buffer not mapped");
  bind(ab_, c_);
}

void HostVisibleSlot::stage(const Fp* a, const Fp* b, std::size_t n) {
  const std::size_t bytes = n * sizeof(Fp);
  cpu::parallel_copy({{ab_.mapped(), a, bytes}, {ab_.mapped() + b_offset(), b, bytes}});
  ab_.flush(0, b_offset() + bytes);
}

void HostVisibleSlot::record(VkCommandBuffer cmd, const KernelPipeline& kernel, std::size_t n) {
  // Host writes before vkQueueSubmit are visible to the device without a barrier.
  record_dispatch(cmd, kernel, n);
  VkMemoryBarrier to_host{.sType = VK_STRUCTURE_TYPE_MEMORY_BARRIER};
  to_host.srcAccessMask = VK_ACCESS_SHADER_WRITE_BIT;
  to_host.dstAccessMask = VK_ACCESS_HOST_READ_BIT;
  vkCmdPipelineBarrier(cmd, VK_PIPELINE_STAGE_COMPUTE_SHADER_BIT, VK_PIPELINE_STAGE_HOST_BIT, 0, 1,
                       &to_host, 0, nullptr, 0, nullptr);
}

void HostVisibleSlot::collect(Fp* out, std::size_t n) {
  const std::size_t bytes = n * sizeof(Fp);
  c_.invalidate(0, bytes);
  cpu::parallel_copy(out, c_.mapped(), bytes);
}

}  // namespace gpuexec::vk
