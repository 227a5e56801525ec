// The CPU backend: the reference arithmetic over all cores.
#pragma once

#include <atomic>

#include "gpuexec/backend.hpp"

namespace gpuexec::cpu {

class CpuBackend final : public Backend {
 public:
  std::string name() const override { return "cpu"; }
  void run(Op op, std::span<const Fp> a, std::span<const Fp> b, std::span<Fp> out) override;
  std::shared_ptr<DeviceVector::Storage> allocate(std::size_t n) override;
  void run_resident(Op op, const DeviceVector::Storage& a, const DeviceVector::Storage& b,
                    DeviceVector::Storage& out) override;
  ExecutorStats stats() const override;

 private:
  std::atomic<uint64_t> jobs_{0}, elements_{0};
};

}  // namespace gpuexec::cpu
