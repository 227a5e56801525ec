// Everything one device keeps between jobs: memory allocator, buffer pool, pipeline cache,
// bucket cache and chunk streamer, with the settings resolved for the device. The persistent
// backend keeps one; the one-shot backend makes one per call.
#pragma once

#include <atomic>
#include <filesystem>
#include <mutex>
#include <span>
#include <thread>

#include "gpuexec/job.hpp"
#include "gpuexec/op.hpp"
#include "gpuexec/options.hpp"
#include "gpuexec/stats.hpp"
#include "vulkan/bucket_cache.hpp"
#include "vulkan/buffer_pool.hpp"
#include "vulkan/chunk_streamer.hpp"
#include "vulkan/memory_allocator.hpp"
#include "vulkan/pipeline_cache.hpp"
#include "vulkan/queue_timelines.hpp"
#include "vulkan/resident_ops.hpp"
#include "vulkan/runner_settings.hpp"

namespace gpuexec::vk {

class DeviceRuntime {
 public:
  // disk_cache_file empty: no on-disk pipeline cache.
  DeviceRuntime(const DeviceContext& ctx, const ExecutorOptions& options,
                std::filesystem::path disk_cache_file);
  ~DeviceRuntime();
  DeviceRuntime(const DeviceRuntime&) = delete;
  DeviceRuntime& operator=(const DeviceRuntime&) = delete;

  // out[i] = a[i] op b[i]; one job or batch at a time per device.
  void run(Op op, std::span<const Fp> a, std::span<const Fp> b, std::span<Fp> out);
  // Jobs checked by the executor. Pipelined: grouped by (path, bucket) and op, every group's
  // chunks streamed through one ring of slots.
  void run_batch(std::span<const Job> jobs, Schedule schedule);
  bool split_queues() const { return timelines_ != nullptr; }

  // Device-resident vectors: a device-local buffer for n elements, staged writes and reads, and
  // ops on such buffers; all under the same one-at-a-time rule as jobs.
  std::unique_ptr<Buffer> allocate_resident(std::size_t n);
  void release_resident(std::unique_ptr<Buffer> buffer);
  void write_resident(const Buffer& dst, std::span<const Fp> values);
  void read_resident(const Buffer& src, std::span<Fp> out);
  void run_resident(Op op, const Buffer& a, const Buffer& b, const Buffer& out, std::size_t n);
  // Benchmarks: device time of resident ops (timestamps around the dispatches).
  void time_resident_ops(bool on);
  double last_resident_gpu_ms() const { return resident_.last_gpu_ms(); }

  const RunnerSettings& settings() const { return settings_; }
  // Blocks until the background warm-up (if any) has compiled every kernel.
  void wait_for_warm_up();
  // Fills the runtime's part of stats.
  void add_stats(ExecutorStats& stats) const;
  PipelineCache& pipelines() { return pipelines_; }
  BufferPool& pool() { return pool_; }
  BucketCache& buckets() { return buckets_; }

 private:
  const DeviceContext& ctx_;
  RunnerSettings settings_;
  MemoryAllocator allocator_;
  BufferPool pool_;
  PipelineCache pipelines_;
  std::unique_ptr<QueueTimelines> timelines_;
  BucketCache buckets_;
  ChunkStreamer streamer_;
  ResidentOps resident_;
  std::unique_ptr<GpuTimer> resident_timer_;
  std::mutex run_mutex_;
  std::jthread warm_up_;
  void count_job(std::size_t n, DataPath path, std::size_t chunks);

  std::atomic<uint64_t> jobs_{0}, chunks_{0}, elements_{0}, host_visible_jobs_{0},
      device_local_jobs_{0}, batches_{0}, resident_ops_{0};
};

}  // namespace gpuexec::vk
