#include "gpuexec/device_vector.hpp"

#include <fmt/format.h>

#include "backend/vector_storage.hpp"
#include "gpuexec/error.hpp"
#include "gpuexec/job.hpp"

namespace gpuexec {

namespace {
template <class F>
void check(const DeviceVector& v, std::size_t have, const char* what) {
  if (have != v.size()) {
    throw Error(ErrorCode::InvalidArgument,
                fmt::format("DeviceVector {}: {} elements given, the vector holds {}", what, have,
                            v.size()));
  }
  if (field_of<F> != v.field() && v.size() != 0) {
    throw Error(ErrorCode::InvalidArgument,
                fmt::format("DeviceVector {}: {} elements given, the vector holds {}", what,
                            field_info(field_of<F>).name, field_info(v.field()).name));
  }
}

template <class F>
void write_values(VectorStorage* storage, const DeviceVector& v, std::span<const F> values) {
  check<F>(v, values.size(), "write");
  if (storage && !values.empty()) storage->write(std::as_bytes(values));
}

template <class F>
void read_values(VectorStorage* storage, const DeviceVector& v, std::span<F> out) {
  check<F>(v, out.size(), "read");
  if (storage && !out.empty()) storage->read(std::as_writable_bytes(out));
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

FieldId DeviceVector::field() const {
  return storage_ ? storage_->field() : FieldId::Fp;
}

void DeviceVector::write(std::span<const Fp> values) {
  write_values(storage_.get(), *this, values);
}

void DeviceVector::write(std::span<const Fr> values) {
  write_values(storage_.get(), *this, values);
}

void DeviceVector::read(std::span<Fp> out) const {
  read_values(storage_.get(), *this, out);
}

void DeviceVector::read(std::span<Fr> out) const {
  read_values(storage_.get(), *this, out);
}

std::vector<Fp> DeviceVector::to_host() const {
  std::vector<Fp> out(size());
  read(std::span<Fp>(out));
  return out;
}

std::vector<Fr> DeviceVector::to_host_fr() const {
  std::vector<Fr> out(size());
  read(std::span<Fr>(out));
  return out;
}

}  // namespace gpuexec
