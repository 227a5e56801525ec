// What a backend keeps behind MsmBases: the points in host memory (CPU) or device memory
// (Vulkan). Internal; MsmBases is the public face.
#pragma once

#include <cstddef>
#include <span>
#include <vector>

#include "gpuexec/g1.hpp"

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

// Bases as a host copy: the CPU backend's, and the one-shot backend's (which keeps no device).
class HostBases final : public BasesStorage {
 public:
  HostBases(const Backend* owner, std::span<const G1Affine> p)
      : BasesStorage(owner, p.size()), points(p.begin(), p.end()) {}
  std::vector<G1Affine> points;
};

}  // namespace gpuexec
