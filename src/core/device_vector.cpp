#include "gpuexec/device_vector.hpp"

#include <fmt/format.h>

#include "backend/vector_storage.hpp"
#include "gpuexec/error.hpp"

namespace gpuexec {

namespace {
void check_size(std::size_t have, std::size_t want, const char* what) {
  if (have != want) {
    throw Error(
        ErrorCode::InvalidArgument,
        fmt::format("DeviceVector {}: {} elements given, the vector holds {}", what, have, want));
  }
}
}  // namespace

DeviceVector::DeviceVector(std::shared_ptr<VectorStorage> storage) : storage_(std::move(storage)) {}
DeviceVector::~DeviceVector() = default;
DeviceVector::DeviceVector(const DeviceVector&) = default;
DeviceVector& DeviceVector::operator=(const DeviceVector&) = default;
DeviceVector::DeviceVector(DeviceVector&&) noexcept = default;
DeviceVector& DeviceVector::operator=(DeviceVector&&) noexcept = default;

std::size_t DeviceVector::size() const {
  return storage_ ? storage_->size() : 0;
}

void DeviceVector::write(std::span<const Fp> values) {
  check_size(values.size(), size(), "write");
  if (storage_ && !values.empty()) storage_->write(values);
}

void DeviceVector::read(std::span<Fp> out) const {
  check_size(out.size(), size(), "read");
  if (storage_ && !out.empty()) storage_->read(out);
}

std::vector<Fp> DeviceVector::to_host() const {
  std::vector<Fp> out(size());
  read(out);
  return out;
}

}  // namespace gpuexec
