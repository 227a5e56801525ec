// Pinned vectors on a Vulkan device: host pages imported once (VK_EXT_external_memory_host) and
// entered in the device's registry, where the chunk streamer finds a job's arrays by address.
#pragma once

#include <cstddef>
#include <cstdint>
#include <map>
#include <memory>
#include <mutex>
#include <optional>

#include "backend/pinned_storage.hpp"
#include "vulkan/recording.hpp"

namespace gpuexec::vk {

class Device;
class ImportedHostMemory;

class PinnedRegistry {
 public:
  void add(const void* begin, std::size_t bytes, BufferRange range);
  void remove(const void* begin);
  // The buffer range of [p, p + bytes) when one pinned allocation holds all of it.
  std::optional<BufferRange> find(const void* p, std::size_t bytes) const;

 private:
  struct Entry {
    std::uintptr_t end;
    BufferRange range;  // of the whole allocation
  };
  mutable std::mutex mutex_;
  std::map<std::uintptr_t, Entry> entries_;  // by first byte
};

// The memory of a PinnedVector of a Vulkan executor. It keeps the device it is imported into
// alive; when the driver refuses the import it stays plain host memory.
class DevicePinnedStorage final : public PinnedStorage {
 public:
  DevicePinnedStorage(std::shared_ptr<Device> device, std::size_t n);
  ~DevicePinnedStorage() override;
  bool pinned() const override;

 private:
  std::shared_ptr<Device> device_;
  std::unique_ptr<ImportedHostMemory> import_;
};

}  // namespace gpuexec::vk
