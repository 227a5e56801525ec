#include "vulkan/recording.hpp"

#include <algorithm>
#include <cstring>

namespace gpuexec::vk {

namespace {
constexpr uint32_t kSetsPerPool = 64;
constexpr uint32_t kDescriptorsPerPool = 8 * kSetsPerPool;
// Sets kept across recordings: beyond this the pools are reset at the next begin().
constexpr std::size_t kMaxCachedSets = 256;

struct Barrier {
  VkPipelineStageFlags src_stage, dst_stage;
  VkAccessFlags src, dst;
};

Barrier barrier_for(Hazard h) {
  constexpr VkPipelineStageFlags kCompute = VK_PIPELINE_STAGE_COMPUTE_SHADER_BIT;
  constexpr VkPipelineStageFlags kTransfer = VK_PIPELINE_STAGE_TRANSFER_BIT;
  switch (h) {
    case Hazard::UploadToKernel:
      return {kTransfer, kCompute, VK_ACCESS_TRANSFER_WRITE_BIT, VK_ACCESS_SHADER_READ_BIT};
    case Hazard::KernelToKernel:
      return {kCompute, kCompute, VK_ACCESS_SHADER_WRITE_BIT,
              VK_ACCESS_SHADER_READ_BIT | VK_ACCESS_SHADER_WRITE_BIT};
    case Hazard::KernelToReadback:
      return {kCompute, kTransfer, VK_ACCESS_SHADER_WRITE_BIT, VK_ACCESS_TRANSFER_READ_BIT};
    case Hazard::ToHost:
      return {kCompute | kTransfer, VK_PIPELINE_STAGE_HOST_BIT,
              VK_ACCESS_SHADER_WRITE_BIT | VK_ACCESS_TRANSFER_WRITE_BIT, VK_ACCESS_HOST_READ_BIT};
    case Hazard::Any:
      break;
  }
  return {kCompute | kTransfer, kCompute | kTransfer,
          VK_ACCESS_SHADER_WRITE_BIT | VK_ACCESS_TRANSFER_WRITE_BIT,
          VK_ACCESS_SHADER_READ_BIT | VK_ACCESS_SHADER_WRITE_BIT | VK_ACCESS_TRANSFER_READ_BIT |
              VK_ACCESS_TRANSFER_WRITE_BIT};
}
}  // namespace

DispatchSize dispatch_size(std::size_t n, uint32_t local_size, const DeviceInfo& device) {
  const std::size_t groups = (n + local_size - 1) / local_size;
  const std::size_t max_x = device.limits.maxComputeWorkGroupCount[0];
  DispatchSize d;
  d.x = static_cast<uint32_t>(std::min(groups, max_x));
  d.y = d.x == 0 ? 0 : static_cast<uint32_t>((groups + d.x - 1) / d.x);
  return d;
}

Recording::Recording(const LogicalDevice& device, uint32_t queue_family, bool reuse_sets)
    : device_(device),
      family_(queue_family),
      compute_((device.info().queue_families.at(queue_family).flags &
                (VK_QUEUE_COMPUTE_BIT | VK_QUEUE_GRAPHICS_BIT)) != 0),
      reuse_sets_(reuse_sets) {
  VkCommandPoolCreateInfo pool_info{.sType = VK_STRUCTURE_TYPE_COMMAND_POOL_CREATE_INFO};
  pool_info.flags = VK_COMMAND_POOL_CREATE_TRANSIENT_BIT;
  pool_info.queueFamilyIndex = queue_family;
  check(vkCreateCommandPool(device.device(), &pool_info, nullptr, &pool_), "vkCreateCommandPool");
  VkCommandBufferAllocateInfo alloc{.sType = VK_STRUCTURE_TYPE_COMMAND_BUFFER_ALLOCATE_INFO};
  alloc.commandPool = pool_;
  alloc.level = VK_COMMAND_BUFFER_LEVEL_PRIMARY;
  alloc.commandBufferCount = 1;
  const VkResult r = vkAllocateCommandBuffers(device.device(), &alloc, &cmd_);
  if (r != VK_SUCCESS) {
    vkDestroyCommandPool(device.device(), pool_, nullptr);
    check(r, "vkAllocateCommandBuffers");
  }
}

Recording::~Recording() {
  for (const DescriptorPool& p : descriptor_pools_)
    vkDestroyDescriptorPool(device_.device(), p.pool, nullptr);
  vkDestroyCommandPool(device_.device(), pool_, nullptr);
}

VkCommandBuffer Recording::begin() {
  check(vkResetCommandPool(device_.device(), pool_, 0), "vkResetCommandPool");
  if (!reuse_sets_ || sets_.size() > kMaxCachedSets) reset_descriptor_pools();
  bound_ = VK_NULL_HANDLE;
  VkCommandBufferBeginInfo info{.sType = VK_STRUCTURE_TYPE_COMMAND_BUFFER_BEGIN_INFO};
  info.flags = VK_COMMAND_BUFFER_USAGE_ONE_TIME_SUBMIT_BIT;
  check(vkBeginCommandBuffer(cmd_, &info), "vkBeginCommandBuffer");
  return cmd_;
}

VkCommandBuffer Recording::end() {
  check(vkEndCommandBuffer(cmd_), "vkEndCommandBuffer");
  return cmd_;
}

void Recording::reset_descriptor_pools() {
  for (const DescriptorPool& p : descriptor_pools_) {
    check(vkResetDescriptorPool(device_.device(), p.pool, 0), "vkResetDescriptorPool");
  }
  sets_.clear();
  current_ = 0;
  sets_left_ = descriptor_pools_.empty() ? 0 : kSetsPerPool;
  descriptors_left_ = descriptor_pools_.empty() ? 0 : descriptor_pools_[0].descriptors;
}

// Moves on to the next pool with room for a set of `descriptors`, creating one where none is.
void Recording::next_descriptor_pool(uint32_t descriptors) {
  while (current_ + 1 < descriptor_pools_.size()) {
    ++current_;
    sets_left_ = kSetsPerPool;
    descriptors_left_ = descriptor_pools_[current_].descriptors;
    if (descriptors_left_ >= descriptors) return;
  }
  const uint32_t count = std::max(kDescriptorsPerPool, descriptors);
  const VkDescriptorPoolSize size{VK_DESCRIPTOR_TYPE_STORAGE_BUFFER, count};
  VkDescriptorPoolCreateInfo info{.sType = VK_STRUCTURE_TYPE_DESCRIPTOR_POOL_CREATE_INFO};
  info.maxSets = kSetsPerPool;
  info.poolSizeCount = 1;
  info.pPoolSizes = &size;
  VkDescriptorPool pool = VK_NULL_HANDLE;
  check(vkCreateDescriptorPool(device_.device(), &info, nullptr, &pool), "vkCreateDescriptorPool");
  try {
    descriptor_pools_.push_back({pool, count});
  } catch (...) {
    vkDestroyDescriptorPool(device_.device(), pool, nullptr);
    throw;
  }
  current_ = descriptor_pools_.size() - 1;
  sets_left_ = kSetsPerPool;
  descriptors_left_ = count;
}

VkDescriptorSet Recording::descriptor_set(const Kernel& kernel,
                                          std::span<const BufferRange> bindings) {
  const VkDescriptorSetLayout layout = kernel.set_layout();
  for (const CachedSet& c : sets_) {
    if (c.layout == layout &&
        std::equal(c.ranges.begin(), c.ranges.end(), bindings.begin(), bindings.end())) {
      return c.set;
    }
  }
  const auto count = static_cast<uint32_t>(bindings.size());
  sets_.reserve(sets_.size() + 1);  // nothing below may fail after the set is written
  if (sets_left_ == 0 || descriptors_left_ < count) next_descriptor_pool(count);
  VkDescriptorSetAllocateInfo alloc{.sType = VK_STRUCTURE_TYPE_DESCRIPTOR_SET_ALLOCATE_INFO};
  alloc.descriptorPool = descriptor_pools_[current_].pool;
  alloc.descriptorSetCount = 1;
  alloc.pSetLayouts = &layout;
  VkDescriptorSet set = VK_NULL_HANDLE;
  check(vkAllocateDescriptorSets(device_.device(), &alloc, &set), "vkAllocateDescriptorSets");
  --sets_left_;
  descriptors_left_ -= count;

  std::vector<VkDescriptorBufferInfo> infos(count);
  std::vector<VkWriteDescriptorSet> writes(count);
  for (uint32_t i = 0; i < count; ++i) {
    infos[i] = {bindings[i].buffer, bindings[i].offset, bindings[i].bytes};
    writes[i] = {.sType = VK_STRUCTURE_TYPE_WRITE_DESCRIPTOR_SET};
    writes[i].dstSet = set;
    writes[i].dstBinding = i;
    writes[i].descriptorCount = 1;
    writes[i].descriptorType = VK_DESCRIPTOR_TYPE_STORAGE_BUFFER;
    writes[i].pBufferInfo = &infos[i];
  }
  vkUpdateDescriptorSets(device_.device(), count, writes.data(), 0, nullptr);
  sets_.push_back({layout, std::vector<BufferRange>(bindings.begin(), bindings.end()), set});
  return set;
}

void Recording::dispatch(const Kernel& kernel, std::span<const BufferRange> bindings,
                         std::span<const std::byte> push, DispatchSize groups) {
  const VkDescriptorSet set = descriptor_set(kernel, bindings);
  if (bound_ != kernel.pipeline()) {
    vkCmdBindPipeline(cmd_, VK_PIPELINE_BIND_POINT_COMPUTE, kernel.pipeline());
    bound_ = kernel.pipeline();
  }
  vkCmdBindDescriptorSets(cmd_, VK_PIPELINE_BIND_POINT_COMPUTE, kernel.pipeline_layout(), 0, 1,
                          &set, 0, nullptr);
  if (!push.empty()) {
    vkCmdPushConstants(cmd_, kernel.pipeline_layout(), VK_SHADER_STAGE_COMPUTE_BIT, 0,
                       static_cast<uint32_t>(push.size()), push.data());
  }
  vkCmdDispatch(cmd_, groups.x, groups.y, 1);
}

void Recording::dispatch_elements(const Kernel& kernel, std::span<const BufferRange> bindings,
                                  std::size_t n) {
  const uint32_t count = static_cast<uint32_t>(n);
  dispatch(kernel, bindings, std::as_bytes(std::span(&count, 1)),
           dispatch_size(n, kernel.local_size(), device_.info()));
}

void Recording::copy(const Buffer& src, const Buffer& dst, std::span<const VkBufferCopy> regions) {
  copy(src.handle(), dst.handle(), regions);
}

void Recording::copy(VkBuffer src, VkBuffer dst, std::span<const VkBufferCopy> regions) {
  vkCmdCopyBuffer(cmd_, src, dst, static_cast<uint32_t>(regions.size()), regions.data());
}

void Recording::barrier(Hazard hazard) {
  Barrier b = barrier_for(hazard);
  if (!compute_) {
    // A transfer-only queue has no shader stages (VUID-vkCmdPipelineBarrier-srcStageMask-06461):
    // the kernels' side of the hazard is ordered across queues by the timeline semaphores.
    constexpr VkAccessFlags kShader = VK_ACCESS_SHADER_READ_BIT | VK_ACCESS_SHADER_WRITE_BIT;
    b.src_stage &= ~VkPipelineStageFlags{VK_PIPELINE_STAGE_COMPUTE_SHADER_BIT};
    b.dst_stage &= ~VkPipelineStageFlags{VK_PIPELINE_STAGE_COMPUTE_SHADER_BIT};
    b.src &= ~kShader;
    b.dst &= ~kShader;
    if (b.src_stage == 0 || b.dst_stage == 0) return;  // nothing of this queue's to order
  }
  VkMemoryBarrier m{.sType = VK_STRUCTURE_TYPE_MEMORY_BARRIER};
  m.srcAccessMask = b.src;
  m.dstAccessMask = b.dst;
  vkCmdPipelineBarrier(cmd_, b.src_stage, b.dst_stage, 0, 1, &m, 0, nullptr, 0, nullptr);
}

}  // namespace gpuexec::vk
