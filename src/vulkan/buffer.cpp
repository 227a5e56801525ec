#include "vulkan/buffer.hpp"

#include <algorithm>

namespace gpuexec::vk {

namespace {
// Every buffer may be a kernel binding and either end of a copy, so the pool can hand any
// buffer of the right size and memory to any role.
constexpr VkBufferUsageFlags kUsage = VK_BUFFER_USAGE_STORAGE_BUFFER_BIT |
                                      VK_BUFFER_USAGE_TRANSFER_SRC_BIT |
                                      VK_BUFFER_USAGE_TRANSFER_DST_BIT;
}  // namespace

Buffer::Buffer(const LogicalDevice& ctx, MemoryAllocator& allocator, VkDeviceSize size,
               MemoryUse use)
    : ctx_(ctx), allocator_(allocator), size_(size), use_(use) {
  VkDevice dev = ctx.device();
  VkBufferCreateInfo info{.sType = VK_STRUCTURE_TYPE_BUFFER_CREATE_INFO};
  info.size = std::max<VkDeviceSize>(size, 16);
  info.usage = kUsage;
  // With a dedicated transfer queue, copies and kernels touch buffers from two queue families:
  // concurrent sharing spares the ownership transfers.
  const uint32_t families[2] = {ctx.compute_family(), ctx.transfer_family().value_or(0)};
  if (ctx.transfer_family() && *ctx.transfer_family() != ctx.compute_family()) {
    info.sharingMode = VK_SHARING_MODE_CONCURRENT;
    info.queueFamilyIndexCount = 2;
    info.pQueueFamilyIndices = families;
  } else {
    info.sharingMode = VK_SHARING_MODE_EXCLUSIVE;
  }
  check(vkCreateBuffer(dev, &info, nullptr, &buffer_), "vkCreateBuffer");
  try {
    VkMemoryRequirements req;
    vkGetBufferMemoryRequirements(dev, buffer_, &req);
    memory_ = allocator_.allocate(req, use);
    check(vkBindBufferMemory(dev, buffer_, memory_.memory, memory_.offset), "vkBindBufferMemory");
  } catch (...) {
    allocator_.free(memory_);
    vkDestroyBuffer(dev, buffer_, nullptr);
    throw;
  }
}

Buffer::~Buffer() {
  vkDestroyBuffer(ctx_.device(), buffer_, nullptr);
  allocator_.free(memory_);
}

VkMappedMemoryRange Buffer::range(VkDeviceSize offset, VkDeviceSize size) const {
  // The allocator keeps allocations on nonCoherentAtomSize boundaries; round the range out to
  // atoms, staying inside the allocation.
  const VkDeviceSize atom = std::max<VkDeviceSize>(1, ctx_.info().limits.nonCoherentAtomSize);
  VkMappedMemoryRange r{.sType = VK_STRUCTURE_TYPE_MAPPED_MEMORY_RANGE};
  r.memory = memory_.memory;
  const VkDeviceSize begin = offset / atom * atom;
  const VkDeviceSize end = std::min(memory_.size, (offset + size + atom - 1) / atom * atom);
  r.offset = memory_.offset + begin;
  r.size = end - begin;
  return r;
}

void Buffer::flush(VkDeviceSize offset, VkDeviceSize size) const {
  if (memory_.coherent || !mapped() || size == 0) return;
  const VkMappedMemoryRange r = range(offset, size);
  check(vkFlushMappedMemoryRanges(ctx_.device(), 1, &r), "vkFlushMappedMemoryRanges");
}

void Buffer::invalidate(VkDeviceSize offset, VkDeviceSize size) const {
  if (memory_.coherent || !mapped() || size == 0) return;
  const VkMappedMemoryRange r = range(offset, size);
  check(vkInvalidateMappedMemoryRanges(ctx_.device(), 1, &r), "vkInvalidateMappedMemoryRanges");
}

}  // namespace gpuexec::vk
