// Several Vulkan devices behind one executor. Each keeps its own persistent backend (context,
// pools, pipelined schedule); a batch's jobs are planned across the devices by measured speed and
// run on them at once, a large single job is split into one range per device. A device that fails
// (device lost, out of memory, driver error) has its jobs retried on the others; jobs that write
// over their own inputs cannot be retried once partly run and are reported instead.
// A batch of NTTs is split into one group of vectors per device. MSM bases of kSplitPoints or more
// are split into one range per device, resident there: an MSM runs on every device at once and
// adds their partial sums. Device vectors (and the NTTs on them) live on the first device.
#pragma once

#include <atomic>
#include <memory>
#include <vector>

#include "backend/backend.hpp"
#include "gpuexec/options.hpp"
#include "multi/device_speed.hpp"
#include "vulkan/persistent_backend.hpp"

namespace gpuexec::multi {

class MultiDeviceBackend final : public Backend {
 public:
  // Jobs of at least this many elements are split across the devices.
  static constexpr std::size_t kSplitElems = 1 << 20;
  // MSM bases of at least this many points are split across the devices.
  static constexpr std::size_t kSplitPoints = 1 << 14;

  // One persistent backend per entry of device_indices (repeats open a device again).
  MultiDeviceBackend(const ExecutorOptions& options, const std::vector<int>& device_indices);
  ~MultiDeviceBackend() override;

  std::string name() const override;
  void run_job(const FieldJob& job) override;
  void run_batch(std::span<const FieldJob> jobs, Schedule schedule) override;
  // Device vectors live on the first device.
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

  std::size_t device_count() const { return members_.size(); }
  vk::PersistentBackend& device(std::size_t slot);

 private:
  struct Member;
  // Runs every job, planned over the devices; retries a failed device's jobs on the others.
  void run_spread(std::span<const FieldJob> jobs, Schedule schedule);
  // Speeds for planning, 0 for devices excluded; unmeasured devices count as the mean.
  std::vector<double> planning_speeds(const std::vector<bool>& healthy) const;
  // [0, n) in one range per device by speed: the range starts, then n.
  std::vector<std::size_t> split(std::size_t n) const;
  // A part of an NTT or MSM done by the device in slot, for stats.
  void count_work(std::size_t slot, std::size_t elements);

  std::vector<std::unique_ptr<Member>> members_;
};

}  // namespace gpuexec::multi
