// What a backend keeps behind a DeviceVector: device memory for Vulkan, host memory for the CPU
// backend. Internal; DeviceVector is the public face.
#pragma once

#include <cstddef>
#include <span>

#include "gpuexec/field_params.hpp"

namespace gpuexec {

class Backend;

class VectorStorage {
 public:
  VectorStorage(const Backend* owner, FieldId field) : owner_(owner), field_(field) {}
  virtual ~VectorStorage() = default;
  virtual std::size_t size() const = 0;  // elements of field()
  FieldId field() const { return field_; }
  std::size_t bytes() const { return size() * field_info(field_).element_bytes; }
  // Whole contents as the field's Montgomery limbs: values.size() == out.size() == bytes().
  virtual void write(std::span<const std::byte> values) = 0;
  virtual void read(std::span<std::byte> out) const = 0;
  // The backend that made it, to catch vectors handed to another executor.
  const Backend* owner() const { return owner_; }

 private:
  const Backend* owner_;
  FieldId field_;
};

}  // namespace gpuexec
