#include "vulkan/resident_vector.hpp"

#include <fmt/format.h>

#include "gpuexec/error.hpp"
#include "vulkan/resident_ops.hpp"

namespace gpuexec::vk {

ResidentVector::ResidentVector(std::shared_ptr<Device> device, std::size_t n, FieldId field,
                               const Backend* owner)
    : VectorStorage(owner, field),
      device_(std::move(device)),
      buffer_(device_->pool().acquire(
          MemoryUse::DeviceLocal, std::max<std::size_t>(n, 1) * field_info(field).element_bytes)),
      n_(n) {}

ResidentVector::~ResidentVector() {
  const auto lock = device_->lock();  // no op of ours is using it now
  device_->pool().release(std::move(buffer_));
}

void ResidentVector::check_alive(const Device* live) const {
  if (device_->lost() || (live != nullptr && live != device_.get())) {
    throw Error(ErrorCode::DeviceLost,
                fmt::format("device vector of {} elements was lost with device {}", n_,
                            device_->info().index));
  }
}

void ResidentVector::write(std::span<const std::byte> values) {
  check_alive();
  const auto lock = device_->lock();
  write_resident(*device_, *buffer_, values);
}

void ResidentVector::read(std::span<std::byte> out) const {
  check_alive();
  const auto lock = device_->lock();
  read_resident(*device_, *buffer_, out);
}

}  // namespace gpuexec::vk
