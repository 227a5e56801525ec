// One opened Vulkan device and everything kept on it between jobs: the instance and logical
// device (queues, fault injector), the memory allocator and buffer pool, the kernel cache, the
// submission strategies, the cache of chunk slots, and the settings resolved for the device.
// Jobs run on it one at a time (lock()). Device vectors share it, so that a vector outliving its
// executor still frees its memory safely.
#pragma once

#include <atomic>
#include <filesystem>
#include <memory>
#include <mutex>
#include <thread>

#include "gpuexec/op.hpp"
#include "gpuexec/options.hpp"
#include "gpuexec/stats.hpp"
#include "spirv/kernel_catalog.hpp"
#include "vulkan/bucket_cache.hpp"
#include "vulkan/buffer_pool.hpp"
#include "vulkan/device_settings.hpp"
#include "vulkan/gpu_timer.hpp"
#include "vulkan/instance.hpp"
#include "vulkan/kernel_cache.hpp"
#include "vulkan/memory_allocator.hpp"
#include "vulkan/ntt_twiddles.hpp"
#include "vulkan/pinned_memory.hpp"
#include "vulkan/submit_queues.hpp"

namespace gpuexec::vk {

// What the jobs on a device did, for stats.
struct JobCounters {
  std::atomic<uint64_t> jobs{0}, chunks{0}, elements{0}, host_visible_jobs{0}, device_local_jobs{0},
      imported_jobs{0}, pinned_jobs{0}, batches{0}, resident_ops{0};
};

class Device {
 public:
  // device_index -1: GPUEXEC_DEVICE, else the best usable device. pipeline_cache_dir empty: no
  // on-disk pipeline cache.
  Device(const ExecutorOptions& options, const std::filesystem::path& pipeline_cache_dir);
  ~Device();
  Device(const Device&) = delete;
  Device& operator=(const Device&) = delete;

  const Instance& instance() const { return *instance_; }
  const DeviceInfo& info() const { return logical_->info(); }
  const LogicalDevice& logical() const { return *logical_; }
  bool lost() const { return logical_->lost(); }
  const DeviceSettings& settings() const { return settings_; }
  BufferPool& pool() { return pool_; }
  KernelCache& kernels() { return kernels_; }
  const SubmitQueues& queues() const { return queues_; }
  BucketCache& buckets() { return buckets_; }
  JobCounters& counters() { return counters_; }
  PinnedRegistry& pinned() { return pinned_; }
  // The NTT's twiddle tables, per length (vulkan/ntt.hpp).
  NttTwiddleCache& ntt_twiddles() { return ntt_twiddles_; }
  // The one submission that device-vector writes, reads and ops record into.
  Submission& resident_submission() { return *resident_; }
  // A second one on the same queue: staged writes and reads alternate between the two, so the
  // copy engine moves one piece while the CPU copies the next.
  Submission& staging_submission() { return *staging_; }

  // An element-wise kernel of the catalog, compiled for this device on first use (kernels without
  // an op have shapes of their own: vulkan/ntt.cpp builds them through kernels()).
  const Kernel& kernel(spirv::KernelId id);
  // The element-wise kernel of op over field in the device's kernel variant.
  spirv::KernelId elementwise_id(
      Op op, spirv::ElementEncoding encoding = spirv::ElementEncoding::Montgomery,
      FieldId field = FieldId::Fp) const;
  const Kernel& elementwise_kernel(Op op) { return kernel(elementwise_id(op)); }
  // One job or batch at a time on a device.
  std::unique_lock<std::mutex> lock() { return std::unique_lock(work_mutex_); }
  // Benchmarks: device timestamps around resident ops (nullptr when off).
  void time_resident_ops(bool on);
  const GpuTimer* resident_timer() const { return timing_ ? timer_.get() : nullptr; }
  double last_resident_gpu_ms = 0;

  // Blocks until the background warm-up (if any) has compiled every kernel.
  void wait_for_warm_up();
  // Fills the device's part of stats.
  void add_stats(ExecutorStats& stats) const;

 private:
  std::unique_ptr<Instance> instance_;
  std::unique_ptr<LogicalDevice> logical_;
  DeviceSettings settings_;
  MemoryAllocator allocator_;
  BufferPool pool_;
  KernelCache kernels_;
  SubmitQueues queues_;
  BucketCache buckets_;
  JobCounters counters_;
  PinnedRegistry pinned_;
  NttTwiddleCache ntt_twiddles_;  // holds buffers: destroyed before the pool and allocator
  std::unique_ptr<Submission> resident_, staging_;
  std::unique_ptr<GpuTimer> timer_;
  bool timing_ = false;
  std::mutex work_mutex_;
  std::jthread warm_up_;
};

}  // namespace gpuexec::vk
