#include "vulkan/pinned_memory.hpp"

#include "vulkan/device.hpp"
#include "vulkan/host_import.hpp"

namespace gpuexec::vk {

void PinnedRegistry::add(const void* begin, std::size_t bytes, BufferRange range) {
  const auto b = reinterpret_cast<std::uintptr_t>(begin);
  std::lock_guard lock(mutex_);
  entries_[b] = {b + bytes, range};
}

void PinnedRegistry::remove(const void* begin) {
  std::lock_guard lock(mutex_);
  entries_.erase(reinterpret_cast<std::uintptr_t>(begin));
}

std::optional<BufferRange> PinnedRegistry::find(const void* p, std::size_t bytes) const {
  const auto b = reinterpret_cast<std::uintptr_t>(p);
  std::lock_guard lock(mutex_);
  auto it = entries_.upper_bound(b);  // the first allocation starting after p
  if (it == entries_.begin()) return std::nullopt;
  --it;
  if (b + bytes > it->second.end) return std::nullopt;
  const BufferRange& whole = it->second.range;
  return BufferRange{whole.buffer, whole.offset + (b - it->first), bytes};
}

DevicePinnedStorage::DevicePinnedStorage(std::shared_ptr<Device> device, std::size_t n)
    : PinnedStorage(n), device_(std::move(device)) {
  const std::span<Fp> e = elements();
  if (e.empty() || !device_->info().external_memory_host) return;
  import_ = std::make_unique<ImportedHostMemory>(device_->logical(), e.data(), e.size_bytes());
  if (!import_->valid()) return;
  device_->pinned().add(e.data(), e.size_bytes(),
                        {import_->handle(), import_->offset(), e.size_bytes()});
}

DevicePinnedStorage::~DevicePinnedStorage() {
  if (pinned()) device_->pinned().remove(elements().data());
}

bool DevicePinnedStorage::pinned() const {
  return import_ && import_->valid();
}

}  // namespace gpuexec::vk
