#include "vulkan/resident_ops.hpp"

#include <algorithm>
#include <vector>

#include "cpu/parallel_copy.hpp"

namespace gpuexec::vk {

namespace {
// Chunk offsets stay multiples of 256 elements (12 KiB): aligned for any
// minStorageBufferOffsetAlignment a device reports.
constexpr std::size_t kChunkGranule = 256;

}  // namespace

ResidentOps::ResidentOps(const DeviceContext& ctx, BufferPool& pool, const KernelLayout& layout,
                         const RunnerSettings& settings)
    : ctx_(ctx),
      pool_(pool),
      layout_(layout),
      dispatch_elems_(std::max(kChunkGranule, max_dispatch_elems(ctx.info(), settings.local_size) /
                                                  kChunkGranule * kChunkGranule)),
      staging_elems_(settings.chunk_elems),
      commands_(ctx, ctx.compute_family(), ctx.compute_queue()) {
  const VkDescriptorPoolSize size{VK_DESCRIPTOR_TYPE_STORAGE_BUFFER,
                                  kKernelBindings * kSetsPerSubmit};
  VkDescriptorPoolCreateInfo info{.sType = VK_STRUCTURE_TYPE_DESCRIPTOR_POOL_CREATE_INFO};
  info.maxSets = kSetsPerSubmit;
  info.poolSizeCount = 1;
  info.pPoolSizes = &size;
  check(vkCreateDescriptorPool(ctx.device(), &info, nullptr, &descriptor_pool_),
        "vkCreateDescriptorPool");
}

ResidentOps::~ResidentOps() {
  vkDestroyDescriptorPool(ctx_.device(), descriptor_pool_, nullptr);
}

void ResidentOps::begin_with_barrier(VkCommandBuffer cmd) {
  // Orders this submission after every earlier kernel write or copy to the vectors.
  VkMemoryBarrier barrier{.sType = VK_STRUCTURE_TYPE_MEMORY_BARRIER};
  barrier.srcAccessMask = VK_ACCESS_SHADER_WRITE_BIT | VK_ACCESS_TRANSFER_WRITE_BIT;
  barrier.dstAccessMask = VK_ACCESS_SHADER_READ_BIT | VK_ACCESS_SHADER_WRITE_BIT |
                          VK_ACCESS_TRANSFER_READ_BIT | VK_ACCESS_TRANSFER_WRITE_BIT;
  constexpr VkPipelineStageFlags kStages =
      VK_PIPELINE_STAGE_COMPUTE_SHADER_BIT | VK_PIPELINE_STAGE_TRANSFER_BIT;
  vkCmdPipelineBarrier(cmd, kStages, kStages, 0, 1, &barrier, 0, nullptr, 0, nullptr);
}

void ResidentOps::write(const Buffer& dst, std::span<const Fp> values) {
  const std::size_t chunk = std::min(staging_elems_, values.size());
  auto staging = pool_.acquire(MemoryUse::Upload, chunk * sizeof(Fp));
  for (std::size_t begin = 0; begin < values.size(); begin += chunk) {
    const std::size_t n = std::min(chunk, values.size() - begin);
    cpu::parallel_copy(staging->mapped(), values.data() + begin, n * sizeof(Fp));
    staging->flush(0, n * sizeof(Fp));
    VkCommandBuffer cmd = commands_.begin();
    begin_with_barrier(cmd);
    const VkBufferCopy region{0, begin * sizeof(Fp), n * sizeof(Fp)};
    vkCmdCopyBuffer(cmd, staging->handle(), dst.handle(), 1, &region);
    commands_.submit_and_wait();
  }
  pool_.release(std::move(staging));
}

void ResidentOps::read(const Buffer& src, std::span<Fp> out) {
  const std::size_t chunk = std::min(staging_elems_, out.size());
  auto staging = pool_.acquire(MemoryUse::Readback, chunk * sizeof(Fp));
  for (std::size_t begin = 0; begin < out.size(); begin += chunk) {
    const std::size_t n = std::min(chunk, out.size() - begin);
    VkCommandBuffer cmd = commands_.begin();
    begin_with_barrier(cmd);
    const VkBufferCopy region{begin * sizeof(Fp), 0, n * sizeof(Fp)};
    vkCmdCopyBuffer(cmd, src.handle(), staging->handle(), 1, &region);
    VkMemoryBarrier to_host{.sType = VK_STRUCTURE_TYPE_MEMORY_BARRIER};
    to_host.srcAccessMask = VK_ACCESS_TRANSFER_WRITE_BIT;
    to_host.dstAccessMask = VK_ACCESS_HOST_READ_BIT;
    vkCmdPipelineBarrier(cmd, VK_PIPELINE_STAGE_TRANSFER_BIT, VK_PIPELINE_STAGE_HOST_BIT, 0, 1,
                         &to_host, 0, nullptr, 0, nullptr);
    commands_.submit_and_wait();
    staging->invalidate(0, n * sizeof(Fp));
    cpu::parallel_copy(out.data() + begin, staging->mapped(), n * sizeof(Fp));
  }
  pool_.release(std::move(staging));
}

void ResidentOps::run(const KernelPipeline& kernel, const Buffer& a, const Buffer& b,
                      const Buffer& out, std::size_t n) {
  const std::size_t chunks = (n + dispatch_elems_ - 1) / dispatch_elems_;
  last_gpu_ms_ = 0;
  for (std::size_t first = 0; first < chunks; first += kSetsPerSubmit) {
    const std::size_t count = std::min<std::size_t>(kSetsPerSubmit, chunks - first);
    check(vkResetDescriptorPool(ctx_.device(), descriptor_pool_, 0), "vkResetDescriptorPool");
    std::vector<VkDescriptorSetLayout> layouts(count, layout_.set_layout());
    std::vector<VkDescriptorSet> sets(count);
    VkDescriptorSetAllocateInfo alloc{.sType = VK_STRUCTURE_TYPE_DESCRIPTOR_SET_ALLOCATE_INFO};
    alloc.descriptorPool = descriptor_pool_;
    alloc.descriptorSetCount = static_cast<uint32_t>(count);
    alloc.pSetLayouts = layouts.data();
    check(vkAllocateDescriptorSets(ctx_.device(), &alloc, sets.data()), "vkAllocateDescriptorSets");

    VkCommandBuffer cmd = commands_.begin();
    begin_with_barrier(cmd);
    if (timer_) timer_->start(cmd);
    vkCmdBindPipeline(cmd, VK_PIPELINE_BIND_POINT_COMPUTE, kernel.pipeline());
    for (std::size_t i = 0; i < count; ++i) {
      const std::size_t begin = (first + i) * dispatch_elems_;
      const std::size_t m = std::min(dispatch_elems_, n - begin);
      const VkDeviceSize offset = begin * sizeof(Fp), bytes = m * sizeof(Fp);
      const VkDescriptorBufferInfo infos[kKernelBindings] = {
          {a.handle(), offset, bytes}, {b.handle(), offset, bytes}, {out.handle(), offset, bytes}};
      VkWriteDescriptorSet writes[kKernelBindings];
      for (uint32_t k = 0; k < kKernelBindings; ++k) {
        writes[k] = {.sType = VK_STRUCTURE_TYPE_WRITE_DESCRIPTOR_SET};
        writes[k].dstSet = sets[i];
        writes[k].dstBinding = k;
        writes[k].descriptorCount = 1;
        writes[k].descriptorType = VK_DESCRIPTOR_TYPE_STORAGE_BUFFER;
        writes[k].pBufferInfo = &infos[k];
      }
      vkUpdateDescriptorSets(ctx_.device(), kKernelBindings, writes, 0, nullptr);
      vkCmdBindDescriptorSets(cmd, VK_PIPELINE_BIND_POINT_COMPUTE, layout_.pipeline_layout(), 0, 1,
                              &sets[i], 0, nullptr);
      const KernelPushConstants push{static_cast<uint32_t>(m)};
      vkCmdPushConstants(cmd, layout_.pipeline_layout(), VK_SHADER_STAGE_COMPUTE_BIT, 0,
                         sizeof(push), &push);
      const DispatchSize d = dispatch_size(m, kernel.local_size(), ctx_.info());
      vkCmdDispatch(cmd, d.x, d.y, 1);
    }
    if (timer_) timer_->stop(cmd);
    commands_.submit_and_wait(n <= 4096);
    if (timer_) last_gpu_ms_ += timer_->elapsed_ms();
  }
}

}  // namespace gpuexec::vk
