// The CPU backend: the reference arithmetic over all cores.
#pragma once

#include "gpuexec/backend.hpp"

namespace gpuexec::cpu {

class CpuBackend final : public Backend {
 public:
  std::string name() const override { return "cpu"; }
  void run(Op op, std::span<const Fp> a, std::span<const Fp> b, std::span<Fp> out) override;
};

}  // namespace gpuexec::cpu
