#include "vulkan/resident_vector.hpp"

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

void ResidentVector::write(std::span<const Fp> values) {
  session_->runtime().write_resident(*buffer_, values);
}

void ResidentVector::read(std::span<Fp> out) const {
  session_->runtime().read_resident(*buffer_, out);
}

}  // namespace gpuexec::vk
