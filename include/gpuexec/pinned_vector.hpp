// Host memory for field elements that the device reads and writes directly: allocated through
// an executor (page-aligned, zeroed) and, on a Vulkan device, imported into it once. A job whose
// arrays all lie in pinned vectors of its executor skips the staging copies and the per-job
// import: the copy engine moves them to and from device-local buffers (discrete GPUs), or the
// kernels read them in place (devices sharing the host's memory). It is ordinary host memory
// otherwise: read and write it as any array, pass spans of it to any call.
#pragma once

#include <cstddef>
#include <memory>
#include <span>

#include "gpuexec/fp.hpp"

namespace gpuexec {

class PinnedStorage;  // the backend's allocation behind the vector (internal)

class PinnedVector {
 public:
  PinnedVector() = default;
  explicit PinnedVector(std::shared_ptr<PinnedStorage> storage);
  ~PinnedVector();
  PinnedVector(PinnedVector&&) noexcept;
  PinnedVector& operator=(PinnedVector&&) noexcept;
  PinnedVector(const PinnedVector&) = delete;  // one owner of the memory
  PinnedVector& operator=(const PinnedVector&) = delete;

  std::size_t size() const { return elems_.size(); }
  bool empty() const { return elems_.empty(); }
  Fp* data() { return elems_.data(); }
  const Fp* data() const { return elems_.data(); }
  std::span<Fp> span() { return elems_; }
  std::span<const Fp> span() const { return elems_; }
  Fp& operator[](std::size_t i) { return elems_[i]; }
  const Fp& operator[](std::size_t i) const { return elems_[i]; }
  // Whether the device reads it directly (false: the backend has no such memory, e.g. the CPU
  // backend, or the driver refused the import; the memory works as plain host memory then).
  bool pinned() const;

 private:
  std::shared_ptr<PinnedStorage> storage_;
  std::span<Fp> elems_;
};

}  // namespace gpuexec
