#include "vulkan/resident_vector.hpp"

#include <fmt/format.h>

#include "gpuexec/error.hpp"

namespace gpuexec::vk {

ResidentVector::ResidentVector(std::shared_ptr<DeviceSession> session, std::size_t n,
                               const void* owner)
    : session_(std::move(session)),
      buffer_(session_->runtime().allocate_resident(n)),
      n_(n),
      owner_(owner) {}

ResidentVector::~ResidentVector() {
  session_->runtime().release_resident(std::move(buffer_));
}

void ResidentVector::check_alive(const DeviceSession* live) const {
  if (session_->lost() || (live != nullptr && live != session_.get())) {
    throw Error(ErrorCode::DeviceLost,
                fmt::format("device vector of {} elements was lost with device {}", n_,
                            session_->context().info().index));
  }
}

void ResidentVector::write(std::span<const Fp> values) {
  check_alive();
  session_->runtime().write_resident(*buffer_, values);
}

void ResidentVector::read(std::span<Fp> out) const {
  check_alive();
  session_->runtime().read_resident(*buffer_, out);
}

}  // namespace gpuexec::vk
