// The one-shot backend, the seed's baseline: every call creates the instance, device, pipeline,
// pools and buffers, runs the job and destroys them all.
#pragma once

#include "gpuexec/backend.hpp"

namespace gpuexec::vk {

class OneShotBackend final : public Backend {
 public:
  explicit OneShotBackend(int device_index = -1) : device_index_(device_index) {}
  std::string name() const override { return "vulkan one-shot"; }
  void run(Op op, std::span<const Fp> a, std::span<const Fp> b, std::span<Fp> out) override;

 private:
  int device_index_;
};

}  // namespace gpuexec::vk
