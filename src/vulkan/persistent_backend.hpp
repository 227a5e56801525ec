// The persistent backend: one long-lived Device (instance, logical device, pipeline cache on
// memory and disk, bucket cache, buffer pool, suballocated memory), reused by every job. Its one
// policy: when the device is lost, the job that saw it fails with DeviceLost and the next job
// reopens the device; device vectors of the lost device stay lost.
#pragma once

#include <filesystem>
#include <memory>
#include <mutex>

#include "backend/backend.hpp"
#include "gpuexec/options.hpp"
#include "vulkan/device.hpp"

namespace gpuexec::vk {

class PersistentBackend final : public Backend {
 public:
  // pipeline_cache_dir empty: no disk cache.
  PersistentBackend(const ExecutorOptions& options,
                    const std::filesystem::path& pipeline_cache_dir);
  // The disk cache in default_pipeline_cache_dir().
  explicit PersistentBackend(const ExecutorOptions& options = {});

  std::string name() const override;
  void run_job(const FieldJob& job) override;
  // Through the big-endian kernels.
  EncodedRun run_encoded(const EncodedJob& job) override;
  // Imported into the current device once; jobs on it skip staging.
  std::shared_ptr<PinnedStorage> allocate_pinned(std::size_t n) override;
  void run_batch(std::span<const FieldJob> jobs, Schedule schedule) override;
  std::shared_ptr<VectorStorage> allocate(std::size_t n, FieldId field) override;
  // Storage whose owner() is `owner` (a backend that runs its ops here).
  std::shared_ptr<VectorStorage> allocate_owned(std::size_t n, FieldId field, const Backend* owner);
  std::shared_ptr<BasesStorage> upload_bases_owned(std::span<const G1Affine> points,
                                                   unsigned precompute, const Backend* owner);
  void run_resident(Op op, std::span<const VectorStorage* const> inputs,
                    VectorStorage& out) override;
  void ntt(std::span<Fr> data, unsigned log_n, const NttOptions& options) override;
  void ntt_resident(VectorStorage& data, unsigned log_n, const NttOptions& options) override;
  std::shared_ptr<BasesStorage> upload_bases(std::span<const G1Affine> points,
                                             unsigned precompute) override;
  void msm(const BasesStorage& bases, std::span<const Scalar> scalars,
           std::span<G1Jacobian> results) override;
  ExecutorStats stats() const override;

  // The current device (tests, benchmarks); replaced when a lost device is reopened.
  Device& device() const { return *current(); }
  const DeviceInfo& device_info() const { return device().info(); }
  const LogicalDevice& logical_device() const { return device().logical(); }
  PipelineCacheStats pipeline_stats() const { return device().kernels().stats(); }

 private:
  std::shared_ptr<Device> current() const;
  // The device for the next job: a new one when the last one was lost.
  std::shared_ptr<Device> live_device();
  // Runs f on device; a DeviceLost error marks the device lost and says what follows.
  template <class F>
  void run_on(Device& device, F&& f);

  ExecutorOptions options_;
  std::filesystem::path cache_dir_;
  mutable std::mutex mutex_;
  std::shared_ptr<Device> device_;
  uint64_t device_reopens_ = 0;
};

// Options for device `index` with everything else default (tests, benchmarks).
ExecutorOptions on_device(int index);

}  // namespace gpuexec::vk
