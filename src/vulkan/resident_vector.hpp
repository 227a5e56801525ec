// The Vulkan backend's DeviceVector storage: one device-local buffer, kept alive with its device.
#pragma once

#include <memory>

#include "backend/vector_storage.hpp"
#include "vulkan/device.hpp"

namespace gpuexec::vk {

class ResidentVector final : public VectorStorage {
 public:
  ResidentVector(std::shared_ptr<Device> device, std::size_t n, FieldId field,
                 const Backend* owner);
  ~ResidentVector() override;

  std::size_t size() const override { return n_; }
  void write(std::span<const std::byte> values) override;
  void read(std::span<std::byte> out) const override;
  const Buffer& buffer() const { return *buffer_; }
  // Throws DeviceLost when this vector's device was lost, or is not `live` (reopened since).
  void check_alive(const Device* live = nullptr) const;

 private:
  std::shared_ptr<Device> device_;
  std::unique_ptr<Buffer> buffer_;
  std::size_t n_;
};

}  // namespace gpuexec::vk
