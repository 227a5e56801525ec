#include "vulkan/staging_path.hpp"

#include <algorithm>

#include "cpu/parallel_copy.hpp"
#include "gpuexec/error.hpp"

namespace gpuexec::vk {

StagingSlot::StagingSlot(const DeviceContext& ctx, BufferPool& pool, const KernelLayout& layout,
                         std::size_t capacity, QueueTimelines* timelines)
    : ChunkSlot(ctx, pool, layout, capacity),
      upload_(take(MemoryUse::Upload, b_offset() + vector_bytes())),
      ab_(take(MemoryUse::DeviceLocal, b_offset() + vector_bytes())),
      c_(take(MemoryUse::DeviceLocal, vector_bytes())),
      readback_(take(MemoryUse::Readback, vector_bytes())),
      timelines_(timelines) {
  if (!upload_.mapped() || !readback_.mapped()) {
    throw Error(ErrorCode::Internal, "staging buffer not mapped");
  }
  bind(ab_, c_);
  if (timelines_) {
    const VkQueue none = VK_NULL_HANDLE;  // these pools only record; QueueTimelines submits
    upload_cmds_ = std::make_unique<CommandContext>(ctx, timelines_->transfer_family(), none);
    readback_cmds_ = std::make_unique<CommandContext>(ctx, timelines_->transfer_family(), none);
  }
}

StagingSlot::~StagingSlot() {
  if (timelines_ && busy()) {
    try {
      timelines_->wait_compute(computed_);
      timelines_->wait_transfer(std::max(uploaded_, readback_done_));
    } catch (...) {
      // The device is lost: nothing will run any more.
    }
  }
}

void StagingSlot::submit(const KernelPipeline& kernel, const Fp* a, const Fp* b, std::size_t n) {
  if (!timelines_) return ChunkSlot::submit(kernel, a, b, n);
  start(n);
  stage(a, b, n);
  VkCommandBuffer up = upload_cmds_->begin();
  record_upload(up, n);
  VkCommandBuffer compute = commands().begin();
  record_dispatch(compute, kernel, n);
  VkCommandBuffer down = readback_cmds_->begin();
  record_readback(down, n);
  // upload -> (transfer timeline) -> kernel -> (compute timeline) -> readback.
  uploaded_ = timelines_->submit_transfer(upload_cmds_->end(), 0);
  computed_ = timelines_->submit_compute(commands().end(), uploaded_);
  readback_done_ = timelines_->submit_transfer(readback_cmds_->end(), computed_);
}

void StagingSlot::finish(Fp* out) {
  if (!timelines_) return ChunkSlot::finish(out);
  const std::size_t n = stop();
  timelines_->wait_transfer(readback_done_);
  readback_done_ = 0;
  collect(out, n);
}

void StagingSlot::record_upload(VkCommandBuffer cmd, std::size_t n) const {
  const VkDeviceSize bytes = n * sizeof(Fp);
  const VkBufferCopy regions[2] = {{0, 0, bytes}, {b_offset(), b_offset(), bytes}};
  vkCmdCopyBuffer(cmd, upload_.handle(), ab_.handle(), 2, regions);
}

void StagingSlot::record_readback(VkCommandBuffer cmd, std::size_t n) const {
  const VkBufferCopy result{0, 0, n * sizeof(Fp)};
  vkCmdCopyBuffer(cmd, c_.handle(), readback_.handle(), 1, &result);
  VkMemoryBarrier to_host{.sType = VK_STRUCTURE_TYPE_MEMORY_BARRIER};
  to_host.srcAccessMask = VK_ACCESS_TRANSFER_WRITE_BIT;
  to_host.dstAccessMask = VK_ACCESS_HOST_READ_BIT;
  vkCmdPipelineBarrier(cmd, VK_PIPELINE_STAGE_TRANSFER_BIT, VK_PIPELINE_STAGE_HOST_BIT, 0, 1,
                       &to_host, 0, nullptr, 0, nullptr);
}

void StagingSlot::stage(const Fp* a, const Fp* b, std::size_t n) {
  const std::size_t bytes = n * sizeof(Fp);
  cpu::parallel_copy({{upload_.mapped(), a, bytes}, {upload_.mapped() + b_offset(), b, bytes}});
  upload_.flush(0, b_offset() + bytes);
}

void StagingSlot::record(VkCommandBuffer cmd, const KernelPipeline& kernel, std::size_t n) {
  record_upload(cmd, n);

  VkMemoryBarrier uploaded{.sType = VK_STRUCTURE_TYPE_MEMORY_BARRIER};
  uploaded.srcAccessMask = VK_ACCESS_TRANSFER_WRITE_BIT;
  uploaded.dstAccessMask = VK_ACCESS_SHADER_READ_BIT;
  vkCmdPipelineBarrier(cmd, VK_PIPELINE_STAGE_TRANSFER_BIT, VK_PIPELINE_STAGE_COMPUTE_SHADER_BIT, 0,
                       1, &uploaded, 0, nullptr, 0, nullptr);
  record_dispatch(cmd, kernel, n);

  VkMemoryBarrier computed{.sType = VK_STRUCTURE_TYPE_MEMORY_BARRIER};
  computed.srcAccessMask = VK_ACCESS_SHADER_WRITE_BIT;
  computed.dstAccessMask = VK_ACCESS_TRANSFER_READ_BIT;
  vkCmdPipelineBarrier(cmd, VK_PIPELINE_STAGE_COMPUTE_SHADER_BIT, VK_PIPELINE_STAGE_TRANSFER_BIT, 0,
                       1, &computed, 0, nullptr, 0, nullptr);
  record_readback(cmd, n);
}

void StagingSlot::collect(Fp* out, std::size_t n) {
  const std::size_t bytes = n * sizeof(Fp);
  readback_.invalidate(0, bytes);
  cpu::parallel_copy(out, readback_.mapped(), bytes);
}

}  // namespace gpuexec::vk
