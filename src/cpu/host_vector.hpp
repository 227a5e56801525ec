// The CPU backend's DeviceVector storage: plain host memory.
#pragma once

#include <cstdint>
#include <vector>

#include "backend/vector_storage.hpp"
#include "cpu/parallel_copy.hpp"

namespace gpuexec::cpu {

class HostVector final : public VectorStorage {
 public:
  HostVector(std::size_t n, FieldId field, const Backend* owner)
      : VectorStorage(owner, field), n_(n), limbs_(n * field_info(field).limbs) {}
  std::size_t size() const override { return n_; }
  // Large copies on the copy pool's threads, as every other pass over the data here.
  void write(std::span<const std::byte> values) override {
    parallel_copy(limbs_.data(), values.data(), values.size());
  }
  void read(std::span<std::byte> out) const override {
    parallel_copy(out.data(), limbs_.data(), out.size());
  }
  std::byte* data() { return reinterpret_cast<std::byte*>(limbs_.data()); }
  const std::byte* data() const { return reinterpret_cast<const std::byte*>(limbs_.data()); }

 private:
  std::size_t n_;
  std::vector<uint64_t> limbs_;  // u64-aligned for the field kernels
};

}  // namespace gpuexec::cpu
