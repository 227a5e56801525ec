// What a backend keeps behind a PinnedVector: page-aligned, zeroed host memory (HostPages, every
// page faulted in at allocation), which a Vulkan backend also imports into its device. Internal;
// PinnedVector is the public face.
#pragma once

#include <cstddef>
#include <span>

#include "core/host_pages.hpp"
#include "gpuexec/fp.hpp"

namespace gpuexec {

class PinnedStorage {
 public:
  // Throws OutOfMemory when the host has no such memory.
  explicit PinnedStorage(std::size_t n);
  virtual ~PinnedStorage();
  PinnedStorage(const PinnedStorage&) = delete;
  PinnedStorage& operator=(const PinnedStorage&) = delete;

  std::span<Fp> elements() const { return {static_cast<Fp*>(pages_.data()), n_}; }
  // Whether a device reads this memory directly.
  virtual bool pinned() const { return false; }

 private:
  HostPages pages_;
  std::size_t n_ = 0;
};

}  // namespace gpuexec
