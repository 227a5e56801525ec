// The CPU backend's DeviceVector storage: plain host memory.
#pragma once

#include <vector>

#include "gpuexec/device_vector.hpp"

namespace gpuexec::cpu {

class HostVector final : public DeviceVector::Storage {
 public:
  HostVector(std::size_t n, const void* owner) : data_(n), owner_(owner) {}
  std::size_t size() const override { return data_.size(); }
  void write(std::span<const Fp> values) override {
    std::copy(values.begin(), values.end(), data_.begin());
  }
  void read(std::span<Fp> out) const override {
    std::copy(data_.begin(), data_.end(), out.begin());
  }
  const void* owner() const override { return owner_; }
  std::vector<Fp>& data() { return data_; }
  const std::vector<Fp>& data() const { return data_; }

 private:
  std::vector<Fp> data_;
  const void* owner_;
};

}  // namespace gpuexec::cpu
