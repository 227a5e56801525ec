// A vector of field elements that lives where the backend computes (device memory for Vulkan,
// host memory for the CPU backend): upload once, run many ops, download once.
#pragma once

#include <cstddef>
#include <memory>
#include <span>
#include <vector>

#include "gpuexec/field_params.hpp"
#include "gpuexec/fp.hpp"
#include "gpuexec/fr.hpp"

namespace gpuexec {

class VectorStorage;  // the backend's memory behind the vector (internal)

class DeviceVector {
 public:
  DeviceVector() = default;
  explicit DeviceVector(std::shared_ptr<VectorStorage> storage);
  ~DeviceVector();
  DeviceVector(const DeviceVector&);
  DeviceVector& operator=(const DeviceVector&);
  DeviceVector(DeviceVector&&) noexcept;
  DeviceVector& operator=(DeviceVector&&) noexcept;

  std::size_t size() const;
  bool empty() const { return size() == 0; }
  // The field of its elements (an empty default-made vector: Fp).
  FieldId field() const;
  // Throws InvalidArgument when the sizes differ, or the values are of the other field.
  void write(std::span<const Fp> values);
  void write(std::span<const Fr> values);
  void read(std::span<Fp> out) const;
  void read(std::span<Fr> out) const;
  std::vector<Fp> to_host() const;
  std::vector<Fr> to_host_fr() const;

  VectorStorage* storage() const { return storage_.get(); }

 private:
  std::shared_ptr<VectorStorage> storage_;  // shared: copies of a DeviceVector name the same memory
};

}  // namespace gpuexec
