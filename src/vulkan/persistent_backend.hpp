// The persistent backend: one long-lived instance, device and device runtime (pipeline cache on
// memory and disk, bucket cache, buffer pool, suballocated memory), reused by every job. When the
// device is lost, the job that saw it fails with DeviceLost and the next job reopens the device;
// device vectors of the lost device stay lost.
#pragma once

#include <filesystem>
#include <memory>
#include <mutex>

#include "gpuexec/backend.hpp"
#include "gpuexec/options.hpp"
#include "vulkan/device_session.hpp"

namespace gpuexec::vk {

class PersistentBackend final : public Backend {
 public:
  // pipeline_cache_dir empty: no disk cache.
  PersistentBackend(const ExecutorOptions& options,
                    const std::filesystem::path& pipeline_cache_dir);
  // The disk cache in default_pipeline_cache_dir().
  explicit PersistentBackend(const ExecutorOptions& options = {});

  std::string name() const override;
  void run(Op op, std::span<const Fp> a, std::span<const Fp> b, std::span<Fp> out) override;
  void run_batch(std::span<const Job> jobs, Schedule schedule) override;
  std::shared_ptr<DeviceVector::Storage> allocate(std::size_t n) override;
  // Storage whose owner() is `owner` (a backend that runs its ops here).
  std::shared_ptr<DeviceVector::Storage> allocate_owned(std::size_t n, const void* owner);
  void run_resident(Op op, const DeviceVector::Storage& a, const DeviceVector::Storage& b,
                    DeviceVector::Storage& out) override;
  ExecutorStats stats() const override;

  // The current session's parts (tests, benchmarks); replaced when a lost device is reopened.
  const DeviceInfo& device_info() const { return current()->context().info(); }
  const DeviceContext& device_context() const { return current()->context().device(); }
  PipelineCacheStats pipeline_stats() const { return current()->runtime().pipelines().stats(); }
  DeviceRuntime& runtime() { return current()->runtime(); }

 private:
  std::shared_ptr<DeviceSession> current() const;
  // The session for the next job: a new one when the device of the last one was lost.
  std::shared_ptr<DeviceSession> live_session();
  // Runs f on session; a DeviceLost error marks the session lost and says what follows.
  template <class F>
  void run_on(DeviceSession& session, F&& f);

  ExecutorOptions options_;
  std::filesystem::path cache_dir_;
  mutable std::mutex session_mutex_;
  std::shared_ptr<DeviceSession> session_;
  uint64_t device_reopens_ = 0;
};

// Options for device `index` with everything else default (tests, benchmarks).
ExecutorOptions on_device(int index);

}  // namespace gpuexec::vk
