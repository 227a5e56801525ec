#include "vulkan/buffer.hpp"

#include <fmt/format.h>

#include <algorithm>

#include "gpuexec/error.hpp"

namespace gpuexec::vk {

uint32_t find_memory_type(const VkPhysicalDeviceMemoryProperties& props, uint32_t type_bits,
                          VkMemoryPropertyFlags required, VkMemoryPropertyFlags preferred) {
  int best = -1;
  for (uint32_t i = 0; i < props.memoryTypeCount; ++i) {
    const VkMemoryPropertyFlags flags = props.memoryTypes[i].propertyFlags;
    if (!(type_bits & (1u << i)) || (flags & required) != required) continue;
    if ((flags & preferred) == preferred) return i;
    if (best < 0) best = static_cast<int>(i);
  }
  if (best < 0) {
    throw Error(ErrorCode::OutOfMemory,
                fmt::format("no Vulkan memory type with flags 0x{:x}", required));
  }
  return static_cast<uint32_t>(best);
}

namespace {
struct Flags {
  VkMemoryPropertyFlags required, preferred;
};
Flags flags_for(MemoryUse use) {
  constexpr auto kVisible = VK_MEMORY_PROPERTY_HOST_VISIBLE_BIT;
  constexpr auto kCoherent = VK_MEMORY_PROPERTY_HOST_COHERENT_BIT;
  constexpr auto kCached = VK_MEMORY_PROPERTY_HOST_CACHED_BIT;
  constexpr auto kLocal = VK_MEMORY_PROPERTY_DEVICE_LOCAL_BIT;
  switch (use) {
    case MemoryUse::HostVisible:
      return {kVisible, kVisible | kLocal | kCoherent};
    case MemoryUse::DeviceLocal:
      return {kLocal, kLocal};
    case MemoryUse::Upload:
      return {kVisible | kCoherent, kVisible | kCoherent};
    case MemoryUse::Readback:
      return {kVisible, kVisible | kCached};
  }
  return {kVisible, kVisible};
}
}  // namespace

Buffer::Buffer(const DeviceContext& ctx, VkDeviceSize size, VkBufferUsageFlags usage, MemoryUse use)
    : ctx_(ctx), size_(size) {
  VkDevice dev = ctx.device();
  VkBufferCreateInfo info{.sType = VK_STRUCTURE_TYPE_BUFFER_CREATE_INFO};
  info.size = std::max<VkDeviceSize>(size, 16);
  info.usage = usage;
  info.sharingMode = VK_SHARING_MODE_EXCLUSIVE;
  check(vkCreateBuffer(dev, &info, nullptr, &buffer_), "vkCreateBuffer");
  try {
    VkMemoryRequirements req;
    vkGetBufferMemoryRequirements(dev, buffer_, &req);
    const Flags f = flags_for(use);
    const auto& props = ctx.info().memory;
    const uint32_t type = find_memory_type(props, req.memoryTypeBits, f.required, f.preferred);
    const VkMemoryPropertyFlags type_flags = props.memoryTypes[type].propertyFlags;
    coherent_ = (type_flags & VK_MEMORY_PROPERTY_HOST_COHERENT_BIT) != 0;
    VkMemoryAllocateInfo alloc{.sType = VK_STRUCTURE_TYPE_MEMORY_ALLOCATE_INFO};
    alloc.allocationSize = req.size;
    allocation_size_ = req.size;
    alloc.memoryTypeIndex = type;
    check(vkAllocateMemory(dev, &alloc, nullptr, &memory_), "vkAllocateMemory");
    check(vkBindBufferMemory(dev, buffer_, memory_, 0), "vkBindBufferMemory");
    if (type_flags & VK_MEMORY_PROPERTY_HOST_VISIBLE_BIT) {
      void* p = nullptr;
      check(vkMapMemory(dev, memory_, 0, VK_WHOLE_SIZE, 0, &p), "vkMapMemory");
      mapped_ = static_cast<std::byte*>(p);
    }
  } catch (...) {
    if (memory_ != VK_NULL_HANDLE) vkFreeMemory(dev, memory_, nullptr);
    vkDestroyBuffer(dev, buffer_, nullptr);
    throw;
  }
}

Buffer::~Buffer() {
  VkDevice dev = ctx_.device();
  if (mapped_) vkUnmapMemory(dev, memory_);
  vkDestroyBuffer(dev, buffer_, nullptr);
  vkFreeMemory(dev, memory_, nullptr);
}

VkMappedMemoryRange Buffer::range(VkDeviceSize offset, VkDeviceSize size) const {
  // Ranges must be aligned to nonCoherentAtomSize; whole-buffer alignment keeps it simple.
  const VkDeviceSize atom = std::max<VkDeviceSize>(1, ctx_.info().limits.nonCoherentAtomSize);
  VkMappedMemoryRange r{.sType = VK_STRUCTURE_TYPE_MAPPED_MEMORY_RANGE};
  r.memory = memory_;
  r.offset = offset / atom * atom;
  const VkDeviceSize end = offset + size;
  r.size = (end - r.offset + atom - 1) / atom * atom;
  if (r.offset + r.size > allocation_size_) r.size = VK_WHOLE_SIZE;
  return r;
}

void Buffer::flush(VkDeviceSize offset, VkDeviceSize size) const {
  if (coherent_ || !mapped_ || size == 0) return;
  const VkMappedMemoryRange r = range(offset, size);
  check(vkFlushMappedMemoryRanges(ctx_.device(), 1, &r), "vkFlushMappedMemoryRanges");
}

void Buffer::invalidate(VkDeviceSize offset, VkDeviceSize size) const {
  if (coherent_ || !mapped_ || size == 0) return;
  const VkMappedMemoryRange r = range(offset, size);
  check(vkInvalidateMappedMemoryRanges(ctx_.device(), 1, &r), "vkInvalidateMappedMemoryRanges");
}

}  // namespace gpuexec::vk
