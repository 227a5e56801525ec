// The CPU backend: the reference arithmetic over all cores.
#pragma once

#include <atomic>

#include "backend/backend.hpp"

namespace gpuexec::cpu {

class CpuBackend final : public Backend {
 public:
  std::string name() const override { return "cpu"; }
  void run_job(const FieldJob& job) override;
  // Decode, check, op and encode fused in one pass per element (encoded_ops.cpp).
  EncodedRun run_encoded(const EncodedJob& job) override;
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
  std::atomic<uint64_t> jobs_{0}, elements_{0};
};

}  // namespace gpuexec::cpu
