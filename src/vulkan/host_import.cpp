#include "vulkan/host_import.hpp"

#include <algorithm>
#include <array>
#include <cstdint>
#include <optional>

#include "gpuexec/error.hpp"
#include "vulkan/resident_ops.hpp"

namespace gpuexec::vk {

namespace {
constexpr auto kHandleType = VK_EXTERNAL_MEMORY_HANDLE_TYPE_HOST_ALLOCATION_BIT_EXT;

// The driver said no to this memory (a file mapping, too many pinned pages): the staged paths
// still run the job.
bool refused(VkResult r) {
  return r == VK_ERROR_INVALID_EXTERNAL_HANDLE || r == VK_ERROR_OUT_OF_DEVICE_MEMORY ||
         r == VK_ERROR_OUT_OF_HOST_MEMORY || r == VK_ERROR_FORMAT_NOT_SUPPORTED;
}
}  // namespace

ImportedHostMemory::ImportedHostMemory(const LogicalDevice& device, const void* data,
                                       std::size_t bytes)
    : device_(device) {
  // Nothing to import (a Vulkan buffer of 0 bytes is invalid: the H100 showed it for an empty
  // array starting on a page boundary).
  if (bytes == 0) return;
  const VkDeviceSize page = device.info().min_imported_host_pointer_alignment;
  const auto address = reinterpret_cast<std::uintptr_t>(data);
  const std::uintptr_t first = address / page * page;
  const VkDeviceSize size = (address + bytes - first + page - 1) / page * page;
  offset_ = address - first;
  void* base = reinterpret_cast<void*>(first);

  VkMemoryHostPointerPropertiesEXT props{.sType =
                                             VK_STRUCTURE_TYPE_MEMORY_HOST_POINTER_PROPERTIES_EXT};
  VkResult r = vkGetMemoryHostPointerPropertiesEXT(device.device(), kHandleType, base, &props);
  if (refused(r) || props.memoryTypeBits == 0) return;
  device.check(r, "vkGetMemoryHostPointerPropertiesEXT");

  VkExternalMemoryBufferCreateInfo external{
      .sType = VK_STRUCTURE_TYPE_EXTERNAL_MEMORY_BUFFER_CREATE_INFO};
  external.handleTypes = kHandleType;
  VkBufferCreateInfo info{.sType = VK_STRUCTURE_TYPE_BUFFER_CREATE_INFO};
  info.pNext = &external;
  info.size = size;
  // A kernel binding, or the source and target of the copy engine's transfers (DMA).
  info.usage = VK_BUFFER_USAGE_STORAGE_BUFFER_BIT | VK_BUFFER_USAGE_TRANSFER_SRC_BIT |
               VK_BUFFER_USAGE_TRANSFER_DST_BIT;
  const uint32_t families[2] = {device.compute_family(), device.transfer_family().value_or(0)};
  if (device.transfer_family() && *device.transfer_family() != device.compute_family()) {
    info.sharingMode = VK_SHARING_MODE_CONCURRENT;  // copies on the transfer queue
    info.queueFamilyIndexCount = 2;
    info.pQueueFamilyIndices = families;
  } else {
    info.sharingMode = VK_SHARING_MODE_EXCLUSIVE;
  }
  check(vkCreateBuffer(device.device(), &info, nullptr, &buffer_), "vkCreateBuffer");
  VkMemoryRequirements req;
  vkGetBufferMemoryRequirements(device.device(), buffer_, &req);
  const uint32_t types = req.memoryTypeBits & props.memoryTypeBits;
  // Host-coherent memory: the host's writes before the submission and the device's before the
  // fence need no flush or invalidate.
  std::optional<uint32_t> type;
  for (uint32_t i = 0; i < device.info().memory.memoryTypeCount && !type; ++i) {
    if ((types & (1u << i)) && (device.info().memory.memoryTypes[i].propertyFlags &
                                VK_MEMORY_PROPERTY_HOST_COHERENT_BIT)) {
      type = i;
    }
  }
  VkImportMemoryHostPointerInfoEXT import{
      .sType = VK_STRUCTURE_TYPE_IMPORT_MEMORY_HOST_POINTER_INFO_EXT};
  import.handleType = kHandleType;
  import.pHostPointer = base;
  VkMemoryAllocateInfo alloc{.sType = VK_STRUCTURE_TYPE_MEMORY_ALLOCATE_INFO};
  alloc.pNext = &import;
  alloc.allocationSize = size;
  r = type ? device.allocate_memory((alloc.memoryTypeIndex = *type, alloc), &memory_)
           : VK_ERROR_OUT_OF_DEVICE_MEMORY;
  if (r == VK_SUCCESS) r = vkBindBufferMemory(device.device(), buffer_, memory_, 0);
  if (r != VK_SUCCESS) {
    if (memory_ != VK_NULL_HANDLE) vkFreeMemory(device.device(), memory_, nullptr);
    vkDestroyBuffer(device.device(), buffer_, nullptr);
    memory_ = VK_NULL_HANDLE;
    buffer_ = VK_NULL_HANDLE;
    if (!refused(r)) device.check(r, "import host memory");
  }
}

ImportedHostMemory::~ImportedHostMemory() {
  if (buffer_ != VK_NULL_HANDLE) vkDestroyBuffer(device_.device(), buffer_, nullptr);
  if (memory_ != VK_NULL_HANDLE) vkFreeMemory(device_.device(), memory_, nullptr);
}

std::optional<ImportedJob> import_job(Device& device, const ChunkWork& job) {
  const std::size_t bytes = job.n * job.element_bytes;
  const uint32_t count = job.input_count();
  ImportedJob out;
  out.work = job;
  std::array<BufferRange, kMaxChunkInputs + 1> ranges;
  for (uint32_t i = 0; i <= count; ++i) {
    const void* p = i < count ? job.inputs[i] : job.out;
    // An array given twice (out aliasing an input) is imported once.
    for (uint32_t k = 0; k < i && ranges[i].buffer == VK_NULL_HANDLE; ++k) {
      const void* q = k < count ? job.inputs[k] : job.out;
      if (q == p) ranges[i] = ranges[k];
    }
    if (ranges[i].buffer == VK_NULL_HANDLE) {
      out.imports[i] = std::make_unique<ImportedHostMemory>(device.logical(), p, bytes);
      if (!out.imports[i]->valid()) return std::nullopt;
      ranges[i] = {out.imports[i]->handle(), out.imports[i]->offset(), bytes};
    }
    (i < count ? out.work.host_in[i] : out.work.host_out) = ranges[i];
  }
  return out;
}

void run_bound(Device& device, const ChunkWork& job) {
  const uint32_t count = job.input_count();
  std::array<BufferRange, kMaxChunkInputs + 1> ranges;
  std::copy_n(job.host_in.begin(), count, ranges.begin());
  ranges[count] = job.host_out;
  run_resident(device, *job.kernel, std::span(ranges.data(), count), ranges[count], job.n,
               job.element_bytes);
}

}  // namespace gpuexec::vk
