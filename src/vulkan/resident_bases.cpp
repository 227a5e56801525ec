#include "vulkan/resident_bases.hpp"

#include <fmt/format.h>

#include "gpuexec/error.hpp"
#include "vulkan/msm.hpp"

namespace gpuexec::vk {

ResidentBases::ResidentBases(std::shared_ptr<Device> device, std::span<const G1Affine> points,
                             const Backend* owner)
    : BasesStorage(owner, points.size()), device_(std::move(device)) {
  const auto lock = device_->lock();
  buffer_ = upload_points(*device_, points);
}

ResidentBases::~ResidentBases() {
  const auto lock = device_->lock();  // no MSM of ours is using them now
  device_->pool().release(std::move(buffer_));
}

void ResidentBases::check_alive(const Device* live) const {
  if (device_->lost() || device_.get() != live) {
    throw Error(ErrorCode::DeviceLost,
                fmt::format("MSM bases of {} points were lost with device {}", size(),
                            device_->info().index));
  }
}

}  // namespace gpuexec::vk
