// The Vulkan backend's DeviceVector storage: one device-local buffer, kept alive with its device.
#pragma once

#include <memory>

#include "gpuexec/device_vector.hpp"
#include "vulkan/device_session.hpp"

namespace gpuexec::vk {

class ResidentVector final : public DeviceVector::Storage {
 public:
  ResidentVector(std::shared_ptr<DeviceSession> session, std::size_t n, const void* owner);
  ~ResidentVector() override;

  std::size_t size() const override { return n_; }
  void write(std::span<const Fp> values) override;
  void read(std::span<Fp> out) const override;
  const void* owner() const override { return owner_; }
  const Buffer& buffer() const { return *buffer_; }
  // Throws DeviceLost when this vector's device was lost, or is not `live` (reopened since).
  void check_alive(const DeviceSession* live = nullptr) const;

 private:
  std::shared_ptr<DeviceSession> session_;
  std::unique_ptr<Buffer> buffer_;
  std::size_t n_;
  const void* owner_;
};

}  // namespace gpuexec::vk
