// The Vulkan backend's MsmBases storage: the points in one device-local buffer, kept alive with
// their device (as ResidentVector keeps a vector's).
#pragma once

#include <memory>
#include <span>

#include "backend/bases_storage.hpp"
#include "gpuexec/g1.hpp"
#include "vulkan/device.hpp"
#include "vulkan/msm.hpp"

namespace gpuexec::vk {

class ResidentBases final : public BasesStorage {
 public:
  // precompute > 1 keeps that many copies of each base (vulkan/msm.hpp, MsmShape).
  ResidentBases(std::shared_ptr<Device> device, std::span<const G1Affine> points,
                unsigned precompute, const Backend* owner);
  ~ResidentBases() override;

  const Buffer& buffer() const { return *buffer_; }
  Device& device() const { return *device_; }
  const MsmShape& shape() const { return shape_; }
  // Throws DeviceLost when the bases' device was lost, or is not `live` (reopened since).
  void check_alive(const Device* live) const;

 private:
  std::shared_ptr<Device> device_;
  std::unique_ptr<Buffer> buffer_;
  MsmShape shape_;
};

}  // namespace gpuexec::vk
