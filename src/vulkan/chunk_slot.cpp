#include "vulkan/chunk_slot.hpp"

#include "gpuexec/error.hpp"
#include "vulkan/host_visible_path.hpp"
#include "vulkan/runner_settings.hpp"
#include "vulkan/staging_path.hpp"

namespace gpuexec::vk {

namespace {
// Up to this many elements a chunk is short enough that polling its fence beats sleeping on it
// (lavapipe: 64 elements 0.065 -> 0.045 ms; 16K elements got slower when polled).
constexpr std::size_t kPollMaxElems = 4096;

VkDeviceSize align_up(VkDeviceSize v, VkDeviceSize a) {
  return (v + a - 1) / a * a;
}
}  // namespace

ChunkSlot::ChunkSlot(const DeviceContext& ctx, BufferPool& pool, const KernelLayout& layout,
                     std::size_t capacity)
    : ctx_(ctx),
      layout_(layout),
      pool_(pool),
      capacity_(capacity),
      b_offset_(
          align_up(capacity * sizeof(Fp),
                   std::max<VkDeviceSize>(1, ctx.info().limits.minStorageBufferOffsetAlignment))),
      commands_(ctx, ctx.compute_family(), ctx.compute_queue()) {
  const VkDescriptorPoolSize size{VK_DESCRIPTOR_TYPE_STORAGE_BUFFER, kKernelBindings};
  VkDescriptorPoolCreateInfo info{.sType = VK_STRUCTURE_TYPE_DESCRIPTOR_POOL_CREATE_INFO};
  info.maxSets = 1;
  info.poolSizeCount = 1;
  info.pPoolSizes = &size;
  check(vkCreateDescriptorPool(ctx.device(), &info, nullptr, &descriptor_pool_),
        "vkCreateDescriptorPool");
  VkDescriptorSetLayout set_layout = layout.set_layout();
  VkDescriptorSetAllocateInfo alloc{.sType = VK_STRUCTURE_TYPE_DESCRIPTOR_SET_ALLOCATE_INFO};
  alloc.descriptorPool = descriptor_pool_;
  alloc.descriptorSetCount = 1;
  alloc.pSetLayouts = &set_layout;
  const VkResult r = vkAllocateDescriptorSets(ctx.device(), &alloc, &set_);
  if (r != VK_SUCCESS) {
    vkDestroyDescriptorPool(ctx.device(), descriptor_pool_, nullptr);
    check(r, "vkAllocateDescriptorSets");
  }
}

ChunkSlot::~ChunkSlot() {
  abandon();
  vkDestroyDescriptorPool(ctx_.device(), descriptor_pool_, nullptr);
  // The GPU is done with the buffers (abandon waited): the pool may hand them out again.
  for (auto& b : buffers_) pool_.release(std::move(b));
}

Buffer& ChunkSlot::take(MemoryUse use, VkDeviceSize bytes) {
  buffers_.push_back(pool_.acquire(use, bytes));
  return *buffers_.back();
}

void ChunkSlot::bind(const Buffer& ab, const Buffer& c) {
  const VkDeviceSize bytes = vector_bytes();
  const VkDescriptorBufferInfo infos[kKernelBindings] = {
      {ab.handle(), 0, bytes}, {ab.handle(), b_offset_, bytes}, {c.handle(), 0, bytes}};
  VkWriteDescriptorSet writes[kKernelBindings];
  for (uint32_t i = 0; i < kKernelBindings; ++i) {
    writes[i] = {.sType = VK_STRUCTURE_TYPE_WRITE_DESCRIPTOR_SET};
    writes[i].dstSet = set_;
    writes[i].dstBinding = i;
    writes[i].descriptorCount = 1;
    writes[i].descriptorType = VK_DESCRIPTOR_TYPE_STORAGE_BUFFER;
    writes[i].pBufferInfo = &infos[i];
  }
  vkUpdateDescriptorSets(ctx_.device(), kKernelBindings, writes, 0, nullptr);
}

void ChunkSlot::record_dispatch(VkCommandBuffer cmd, const KernelPipeline& kernel,
                                std::size_t n) const {
  vkCmdBindPipeline(cmd, VK_PIPELINE_BIND_POINT_COMPUTE, kernel.pipeline());
  vkCmdBindDescriptorSets(cmd, VK_PIPELINE_BIND_POINT_COMPUTE, layout_.pipeline_layout(), 0, 1,
                          &set_, 0, nullptr);
  const KernelPushConstants push{static_cast<uint32_t>(n)};
  vkCmdPushConstants(cmd, layout_.pipeline_layout(), VK_SHADER_STAGE_COMPUTE_BIT, 0, sizeof(push),
                     &push);
  const DispatchSize d = dispatch_size(n, kernel.local_size(), ctx_.info());
  vkCmdDispatch(cmd, d.x, d.y, 1);
}

void ChunkSlot::start(std::size_t n) {
  if (busy()) throw Error(ErrorCode::Internal, "chunk slot submitted twice");
  if (n == 0 || n > capacity_) throw Error(ErrorCode::Internal, "chunk larger than its slot");
  in_flight_ = n;
}

void ChunkSlot::submit(const KernelPipeline& kernel, const Fp* a, const Fp* b, std::size_t n) {
  start(n);
  stage(a, b, n);
  record(commands_.begin(), kernel, n);
  commands_.submit();
}

void ChunkSlot::finish(Fp* out) {
  const std::size_t n = stop();
  commands_.wait(n <= kPollMaxElems);
  collect(out, n);
}

void ChunkSlot::abandon() noexcept {
  in_flight_ = 0;
  try {
    commands_.wait();
  } catch (...) {
    // The device is lost or worse; there is nothing left to wait for.
  }
}

std::unique_ptr<ChunkSlot> make_chunk_slot(DataPath path, const DeviceContext& ctx,
                                           BufferPool& pool, const KernelLayout& layout,
                                           std::size_t capacity, QueueTimelines* timelines) {
  if (path == DataPath::DeviceLocal) {
    return std::make_unique<StagingSlot>(ctx, pool, layout, capacity, timelines);
  }
  return std::make_unique<HostVisibleSlot>(ctx, pool, layout, capacity);
}

}  // namespace gpuexec::vk
