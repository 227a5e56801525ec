// G1 multi-scalar multiplication: what Executor::msm takes, and the bases an executor keeps
// resident for many MSMs (an SRS uploaded once).
//
// Checks: like blst_p1s_mult_pippenger, Executor::msm does NOT check that its points lie on the
// curve or in the order-r subgroup G1: callers whose points come from outside (files, the
// network) must check them first with check_points (as `gpuexec msm` always does), because
// points outside G1 break the security of whatever uses the result. Scalars are any 256-bit
// values (blst_scalar); only their value mod r matters.
#pragma once

#include <cstddef>
#include <memory>
#include <span>

#include "gpuexec/g1.hpp"

namespace gpuexec {

class BasesStorage;  // the backend's memory behind the bases (internal)

// How Executor::upload_bases keeps the bases.
struct MsmBasesOptions {
  // Copies of each base with precomputed multiples, [2^(k b)] P for k < precompute (b about
  // 256 / precompute bits, whole windows): each MSM then sums about `precompute` times fewer
  // windows of buckets, for `precompute` times the memory and a one-time cost of 256 doublings a
  // base on all cores. 1: the bases alone. Used where the bases stay on a device (the persistent
  // Vulkan backend, and several devices); the CPU and one-shot backends keep the bases alone.
  unsigned precompute = 1;
};

// Points resident where the executor computes (device memory for Vulkan).
class MsmBases {
 public:
  MsmBases() = default;
  explicit MsmBases(std::shared_ptr<BasesStorage> storage);
  ~MsmBases();
  MsmBases(const MsmBases&);
  MsmBases& operator=(const MsmBases&);
  MsmBases(MsmBases&&) noexcept;
  MsmBases& operator=(MsmBases&&) noexcept;

  std::size_t size() const;
  BasesStorage* storage() const { return storage_.get(); }

 private:
  std::shared_ptr<BasesStorage> storage_;
};

// Throws InvalidArgument naming name[i] for the first point (on all cores) that is not on the
// curve or not in G1 (infinity passes).
void check_points(std::span<const G1Affine> points, std::string_view name);

}  // namespace gpuexec
