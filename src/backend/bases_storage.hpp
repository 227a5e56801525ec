// What a backend keeps behind MsmBases: the points in host memory (CPU) or device memory
// (Vulkan). Internal; MsmBases is the public face.
#pragma once

#include <cstddef>

namespace gpuexec {

class Backend;

class BasesStorage {
 public:
  BasesStorage(const Backend* owner, std::size_t n) : owner_(owner), n_(n) {}
  virtual ~BasesStorage() = default;
  std::size_t size() const { return n_; }
  // The backend that made it, to catch bases handed to another executor.
  const Backend* owner() const { return owner_; }

 private:
  const Backend* owner_;
  std::size_t n_;
};

}  // namespace gpuexec
