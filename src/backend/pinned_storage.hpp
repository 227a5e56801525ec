// What a backend keeps behind a PinnedVector: page-aligned, zeroed host memory (anonymous
// mmap), which a Vulkan backend also imports into its device. Internal; PinnedVector is the
// public face.
#pragma once

#include <cstddef>
#include <span>

#include "gpuexec/fp.hpp"

namespace gpuexec {

class PinnedStorage {
 public:
  // Throws OutOfMemory when the host has no such memory.
  explicit PinnedStorage(std::size_t n);
  virtual ~PinnedStorage();
  PinnedStorage(const PinnedStorage&) = delete;
  PinnedStorage& operator=(const PinnedStorage&) = delete;

  std::span<Fp> elements() const { return {data_, n_}; }
  // Whether a device reads this memory directly.
  virtual bool pinned() const { return false; }

 private:
  Fp* data_ = nullptr;
  std::size_t n_ = 0, bytes_ = 0;
};

}  // namespace gpuexec
