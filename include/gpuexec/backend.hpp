// What every backend (CPU, Vulkan one-shot, Vulkan persistent) offers the executor.
#pragma once

#include <span>
#include <string>

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
  virtual ExecutorStats stats() const {
    ExecutorStats s;
    s.backend = name();
    return s;
  }
};

}  // namespace gpuexec
