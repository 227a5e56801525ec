// Zero-copy jobs: the caller's arrays imported into the device (VK_EXT_external_memory_host) and
// bound straight to the kernel, which reads the inputs and writes the results in place: no
// staging buffers and no host copies. Each array's import covers the whole pages around it
// (minImportedHostPointerAlignment), so no head or tail needs staging; the kernel's bindings
// cover the array alone. An array the device cannot import (misaligned for the kernel's bindings,
// memory the driver refuses) makes the job fall back to the staged paths. On a discrete GPU the
// copy engine moves the imported arrays to and from device-local buffers instead (DMA from the
// caller's pages, no host copies): its kernels reading host memory ran 3x slower.
#pragma once

#include <array>
#include <cstddef>
#include <memory>
#include <optional>
#include <span>

#include "vulkan/chunk_slot.hpp"
#include "vulkan/device.hpp"

namespace gpuexec::vk {

// One host range imported as a buffer; the range's first byte is at offset() in it.
class ImportedHostMemory {
 public:
  // nullptr-like (valid() false) when the driver refuses the range; other errors throw.
  ImportedHostMemory(const LogicalDevice& device, const void* data, std::size_t bytes);
  ~ImportedHostMemory();
  ImportedHostMemory(const ImportedHostMemory&) = delete;
  ImportedHostMemory& operator=(const ImportedHostMemory&) = delete;

  bool valid() const { return buffer_ != VK_NULL_HANDLE; }
  VkBuffer handle() const { return buffer_; }
  VkDeviceSize offset() const { return offset_; }

 private:
  const LogicalDevice& device_;
  VkDeviceMemory memory_ = VK_NULL_HANDLE;
  VkBuffer buffer_ = VK_NULL_HANDLE;
  VkDeviceSize offset_ = 0;
};

// A whole job whose arrays are imported: `work` is the job with its host_in / host_out ranges
// set, valid while the imports live.
struct ImportedJob {
  std::array<std::unique_ptr<ImportedHostMemory>, kMaxChunkInputs + 1> imports;
  ChunkWork work;
};

// Imports the job's arrays; none when one cannot be (misaligned for a binding, refused).
std::optional<ImportedJob> import_job(Device& device, const ChunkWork& job);

// Runs a job on its external ranges bound straight to the kernel (memory the device shares with
// the host). The caller holds the device's lock and counts the job.
void run_bound(Device& device, const ChunkWork& job);

}  // namespace gpuexec::vk
