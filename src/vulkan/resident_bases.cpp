#include "vulkan/resident_bases.hpp"

#include <fmt/format.h>

#include <vector>

#include "curve/g1_multiples.hpp"
#include "gpuexec/error.hpp"

namespace gpuexec::vk {

ResidentBases::ResidentBases(std::shared_ptr<Device> device, std::span<const G1Affine> points,
                             unsigned precompute, const Backend* owner)
    : BasesStorage(owner, points.size()), device_(std::move(device)) {
  if (precompute > 1) shape_ = msm_precomputed_shape(device_->info(), points.size(), precompute);
  // The copies on the host first (all cores), outside the device's lock.
  const std::vector<G1Affine> copies =
      shape_.blocks > 1
          ? g1::base_multiples(points, shape_.blocks, shape_.c * msm_block_windows(shape_))
          : std::vector<G1Affine>{};
  const auto lock = device_->lock();
  buffer_ = upload_points(*device_, shape_.blocks > 1 ? std::span<const G1Affine>(copies) : points);
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
