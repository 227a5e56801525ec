// The one-shot backend, the seed's baseline: every call creates the instance, device, pipeline,
// pools and buffers, runs the job and destroys them all.
#pragma once

#include <atomic>

#include "backend/backend.hpp"
#include "gpuexec/options.hpp"

namespace gpuexec::vk {

class OneShotBackend final : public Backend {
 public:
  explicit OneShotBackend(const ExecutorOptions& options = {}) : options_(options) {}
  std::string name() const override { return "vulkan one-shot"; }
  void run_job(const FieldJob& job) override;
  // Through the big-endian kernels.
  EncodedRun run_encoded(const EncodedJob& job) override;
  // One call: one device for the whole batch.
  void run_batch(std::span<const FieldJob> jobs, Schedule schedule) override;
  // Nothing outlives a one-shot call, so there are no device vectors: InvalidArgument.
  std::shared_ptr<VectorStorage> allocate(std::size_t n, FieldId field) override;
  void run_resident(Op op, std::span<const VectorStorage* const> inputs,
                    VectorStorage& out) override;
  void ntt(std::span<Fr> data, unsigned log_n, const NttOptions& options) override;
  void ntt_resident(VectorStorage& data, unsigned log_n, const NttOptions& options) override;
  std::shared_ptr<BasesStorage> upload_bases(std::span<const G1Affine> points,
                                             unsigned precompute) override;
  void msm(const BasesStorage& bases, std::span<const Scalar> scalars,
           std::span<G1Jacobian> results) override;
  ExecutorStats stats() const override;

 private:
  ExecutorOptions options_;
  std::atomic<uint64_t> jobs_{0}, elements_{0};
};

}  // namespace gpuexec::vk
