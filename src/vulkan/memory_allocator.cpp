#include "vulkan/memory_allocator.hpp"

#include <fmt/format.h>

#include <algorithm>

#include "config/environment.hpp"
#include "gpuexec/error.hpp"

namespace gpuexec::vk {

const char* memory_use_name(MemoryUse use) {
  switch (use) {
    case MemoryUse::HostVisible:
      return "host-visible";
    case MemoryUse::DeviceLocal:
      return "device-local";
    case MemoryUse::Upload:
      return "upload";
    case MemoryUse::Readback:
      return "readback";
  }
  return "?";
}

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

// cached_inputs: inputs the host writes (mapped A||B, upload staging) in host-cached system
// memory instead of the device-local BAR or write-combined memory.
Flags flags_for(MemoryUse use, bool cached_inputs) {
  constexpr auto kVisible = VK_MEMORY_PROPERTY_HOST_VISIBLE_BIT;
  constexpr auto kCoherent = VK_MEMORY_PROPERTY_HOST_COHERENT_BIT;
  constexpr auto kCached = VK_MEMORY_PROPERTY_HOST_CACHED_BIT;
  constexpr auto kLocal = VK_MEMORY_PROPERTY_DEVICE_LOCAL_BIT;
  if (cached_inputs && (use == MemoryUse::HostVisible || use == MemoryUse::Upload)) {
    return {kVisible | kCached, kVisible | kCached | kCoherent};
  }
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

VkDeviceSize align_up(VkDeviceSize v, VkDeviceSize a) {
  return (v + a - 1) / a * a;
}
}  // namespace

MemoryAllocator::MemoryAllocator(const LogicalDevice& ctx, VkDeviceSize cap_bytes)
    : ctx_(ctx),
      cap_(cap_bytes ? cap_bytes : env::max_device_memory().value_or(0)),
      cached_inputs_(env::host_input_memory() == env::HostInputMemory::Cached) {}

MemoryAllocator::~MemoryAllocator() {
  for (auto& b : blocks_) {
    if (b->mapped) vkUnmapMemory(ctx_.device(), b->memory);
    vkFreeMemory(ctx_.device(), b->memory, nullptr);
  }
}

bool MemoryAllocator::carve(Block& block, VkDeviceSize size, VkDeviceSize alignment,
                            Allocation& out) {
  for (auto it = block.free.begin(); it != block.free.end(); ++it) {
    const auto [offset, length] = *it;
    const VkDeviceSize start = align_up(offset, alignment);
    if (start + size > offset + length) continue;
    block.free.erase(it);
    if (start > offset) block.free.emplace(offset, start - offset);
    if (start + size < offset + length)
      block.free.emplace(start + size, offset + length - start - size);
    block.used += size;
    out = {block.memory,   start, size, block.mapped ? block.mapped + start : nullptr,
           block.coherent, &block};
    return true;
  }
  return false;
}

MemoryAllocator::Block& MemoryAllocator::new_block(uint32_t type, VkDeviceSize size) {
  if (cap_ && stats_.bytes_reserved + size > cap_) {
    throw Error(ErrorCode::OutOfMemory,
                fmt::format("device memory cap reached: {} bytes held, {} more asked, cap {} "
                            "(GPUEXEC_MAX_DEVICE_MEMORY)",
                            stats_.bytes_reserved, size, cap_));
  }
  auto block = std::make_unique<Block>();
  block->size = size;
  block->type = type;
  const VkMemoryPropertyFlags flags = ctx_.info().memory.memoryTypes[type].propertyFlags;
  block->coherent = (flags & VK_MEMORY_PROPERTY_HOST_COHERENT_BIT) != 0;
  VkMemoryAllocateInfo info{.sType = VK_STRUCTURE_TYPE_MEMORY_ALLOCATE_INFO};
  info.allocationSize = size;
  info.memoryTypeIndex = type;
  check(ctx_.allocate_memory(info, &block->memory), "vkAllocateMemory");
  if (flags & VK_MEMORY_PROPERTY_HOST_VISIBLE_BIT) {
    void* p = nullptr;
    const VkResult r = vkMapMemory(ctx_.device(), block->memory, 0, VK_WHOLE_SIZE, 0, &p);
    if (r != VK_SUCCESS) {
      vkFreeMemory(ctx_.device(), block->memory, nullptr);
      check(r, "vkMapMemory");
    }
    block->mapped = static_cast<std::byte*>(p);
  }
  block->free.emplace(0, size);
  ++stats_.blocks;
  ++stats_.vk_allocations;
  stats_.bytes_reserved += size;
  blocks_.push_back(std::move(block));
  return *blocks_.back();
}

Allocation MemoryAllocator::allocate(const VkMemoryRequirements& req, MemoryUse use) {
  const Flags f = flags_for(use, cached_inputs_);
  const uint32_t type =
      find_memory_type(ctx_.info().memory, req.memoryTypeBits, f.required, f.preferred);
  // Flushes of non-coherent memory work in nonCoherentAtomSize units: keep allocations on them.
  const VkDeviceSize atom = std::max<VkDeviceSize>(1, ctx_.info().limits.nonCoherentAtomSize);
  const VkDeviceSize alignment = std::max(req.alignment, atom);
  const VkDeviceSize size = align_up(req.size, atom);
  std::lock_guard lock(mutex_);
  Allocation out;
  for (auto& block : blocks_) {
    if (block->type == type && carve(*block, size, alignment, out)) {
      stats_.bytes_in_use += size;
      return out;
    }
  }
  Block& block = new_block(type, std::max(kBlockSize, align_up(size, kBlockSize)));
  carve(block, size, alignment, out);
  stats_.bytes_in_use += size;
  return out;
}

void MemoryAllocator::release_block(std::size_t index) {
  Block& b = *blocks_[index];
  if (b.mapped) vkUnmapMemory(ctx_.device(), b.memory);
  vkFreeMemory(ctx_.device(), b.memory, nullptr);
  --stats_.blocks;
  stats_.bytes_reserved -= b.size;
  blocks_.erase(blocks_.begin() + static_cast<std::ptrdiff_t>(index));
}

void MemoryAllocator::free(const Allocation& a) {
  if (!a.block) return;
  std::lock_guard lock(mutex_);
  for (std::size_t i = 0; i < blocks_.size(); ++i) {
    Block& b = *blocks_[i];
    if (&b != a.block) continue;
    auto [it, inserted] = b.free.emplace(a.offset, a.size);
    // Coalesce with the neighbours on both sides.
    if (auto next = std::next(it); next != b.free.end() && it->first + it->second == next->first) {
      it->second += next->second;
      b.free.erase(next);
    }
    if (it != b.free.begin()) {
      auto prev = std::prev(it);
      if (prev->first + prev->second == it->first) {
        prev->second += it->second;
        b.free.erase(it);
      }
    }
    b.used -= a.size;
    stats_.bytes_in_use -= a.size;
    // An empty block goes back to Vulkan unless it is the last standard block of its type.
    if (b.used == 0) {
      const bool another = std::any_of(blocks_.begin(), blocks_.end(), [&](const auto& o) {
        return o.get() != &b && o->type == b.type;
      });
      if (another || b.size > kBlockSize) release_block(i);
    }
    return;
  }
}

AllocatorStats MemoryAllocator::stats() const {
  std::lock_guard lock(mutex_);
  return stats_;
}

}  // namespace gpuexec::vk
