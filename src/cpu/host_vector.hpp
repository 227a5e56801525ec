// The CPU backend's DeviceVector storage: plain host memory.
#pragma once

#include <vector>

#include "backend/vector_storage.hpp"
#include "cpu/parallel_copy.hpp"

namespace gpuexec::cpu {

class HostVector final : public VectorStorage {
 public:
  HostVector(std::size_t n, const Backend* owner) : VectorStorage(owner), data_(n) {}
  std::size_t size() const override { return data_.size(); }
  // Large copies on the copy pool's threads, as every other pass over the data here.
  void write(std::span<const Fp> values) override {
    parallel_copy(data_.data(), values.data(), values.size_bytes());
  }
  void read(std::span<Fp> out) const override {
    parallel_copy(out.data(), data_.data(), data_.size() * sizeof(Fp));
  }
  std::vector<Fp>& data() { return data_; }
  const std::vector<Fp>& data() const { return data_; }

 private:
  std::vector<Fp> data_;
};

}  // namespace gpuexec::cpu
