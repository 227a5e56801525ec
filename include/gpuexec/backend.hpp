// What every backend (CPU, Vulkan one-shot, Vulkan persistent) offers the executor.
#pragma once

#include <memory>
#include <span>
#include <string>

#include "gpuexec/device_vector.hpp"
#include "gpuexec/fp.hpp"
#include "gpuexec/job.hpp"
#include "gpuexec/op.hpp"
#include "gpuexec/stats.hpp"

namespace gpuexec {

class Backend {
 public:
  virtual ~Backend() = default;
  virtual std::string name() const = 0;
  // out[i] = a[i] op b[i]; spans have equal sizes (checked by the executor); out may alias a or b.
  virtual void run(Op op, std::span<const Fp> a, std::span<const Fp> b, std::span<Fp> out) = 0;
  // Jobs already checked by the executor (sizes; independence when pipelined).
  virtual void run_batch(std::span<const Job> jobs, Schedule /*schedule*/) {
    for (const Job& j : jobs) {
      if (!j.out.empty()) run(j.op, j.a, j.b, j.out);
    }
  }
  // Device-resident vectors: storage for n elements (contents unspecified), and out = a op b on
  // storages this backend made, all of one size (checked by the executor).
  virtual std::shared_ptr<DeviceVector::Storage> allocate(std::size_t n) = 0;
  virtual void run_resident(Op op, const DeviceVector::Storage& a, const DeviceVector::Storage& b,
                            DeviceVector::Storage& out) = 0;
  virtual ExecutorStats stats() const {
    ExecutorStats s;
    s.backend = name();
    return s;
  }
};

}  // namespace gpuexec
