// A vector of field elements that lives where the backend computes (device memory for Vulkan,
// host memory for the CPU backend): upload once, run many ops, download once.
#pragma once

#include <cstddef>
#include <memory>
#include <span>
#include <vector>

#include "gpuexec/fp.hpp"

namespace gpuexec {

class DeviceVector {
 public:
  // What a backend keeps behind a DeviceVector.
  class Storage {
   public:
    virtual ~Storage() = default;
    virtual std::size_t size() const = 0;
    virtual void write(std::span<const Fp> values) = 0;  // values.size() == size()
    virtual void read(std::span<Fp> out) const = 0;      // out.size() == size()
    // The backend that made it, to catch vectors handed to another executor.
    virtual const void* owner() const = 0;
  };

  DeviceVector() = default;
  explicit DeviceVector(std::shared_ptr<Storage> storage) : storage_(std::move(storage)) {}

  std::size_t size() const { return storage_ ? storage_->size() : 0; }
  bool empty() const { return size() == 0; }
  // Throws InvalidArgument when the sizes differ.
  void write(std::span<const Fp> values);
  void read(std::span<Fp> out) const;
  std::vector<Fp> to_host() const;

  Storage* storage() const { return storage_.get(); }

 private:
  std::shared_ptr<Storage> storage_;  // shared: copies of a DeviceVector name the same memory
};

}  // namespace gpuexec
