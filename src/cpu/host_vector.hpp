// The CPU backend's DeviceVector storage: plain host memory.
#pragma once

#include <algorithm>
#include <vector>

#include "backend/vector_storage.hpp"

namespace gpuexec::cpu {

class HostVector final : public VectorStorage {
 public:
  HostVector(std::size_t n, const Backend* owner) : VectorStorage(owner), data_(n) {}
  std::size_t size() const override { return data_.size(); }
  void write(std::span<const Fp> values) override {
    std::copy(values.begin(), values.end(), data_.begin());
  }
  void read(std::span<Fp> out) const override {
    std::copy(data_.begin(), data_.end(), out.begin());
  }
  std::vector<Fp>& data() { return data_; }
  const std::vector<Fp>& data() const { return data_; }

 private:
  std::vector<Fp> data_;
};

}  // namespace gpuexec::cpu
