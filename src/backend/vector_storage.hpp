// What a backend keeps behind a DeviceVector: device memory for Vulkan, host memory for the CPU
// backend. Internal; DeviceVector is the public face.
#pragma once

#include <cstddef>
#include <span>

#include "gpuexec/fp.hpp"

namespace gpuexec {

class Backend;

class VectorStorage {
 public:
  explicit VectorStorage(const Backend* owner) : owner_(owner) {}
  virtual ~VectorStorage() = default;
  virtual std::size_t size() const = 0;
  virtual void write(std::span<const Fp> values) = 0;  // values.size() == size()
  virtual void read(std::span<Fp> out) const = 0;      // out.size() == size()
  // The backend that made it, to catch vectors handed to another executor.
  const Backend* owner() const { return owner_; }

 private:
  const Backend* owner_;
};

}  // namespace gpuexec
