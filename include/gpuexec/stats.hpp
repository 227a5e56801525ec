// What an executor has done and holds: jobs and chunks, pipeline cache, bucket cache, buffer
// pool and device memory. From Executor::stats(); printed by `gpuexec run --stats`.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

namespace gpuexec {

struct BucketStats {
  std::string path;  // "host-visible" or "device-local"
  uint64_t elements = 0;
  uint64_t idle_slots = 0;
};

// One device of a multi-device executor.
struct DeviceShare {
  int index = 0;  // the Vulkan device index
  std::string name;
  // Its field jobs and its parts of NTTs and MSMs (elements: field elements, NTT elements, or
  // points times MSMs).
  uint64_t jobs = 0, elements = 0;
  uint64_t failures = 0;           // parts of batches that failed on it (their jobs went elsewhere)
  double elements_per_second = 0;  // the scheduler's estimate; 0 until measured
};

struct ExecutorStats {
  std::string backend;
  uint64_t jobs = 0, chunks = 0, elements = 0;
  uint64_t batches = 0;       // pipelined batches
  uint64_t resident_ops = 0;  // ops on device-resident vectors
  uint64_t host_visible_jobs = 0, device_local_jobs = 0;
  uint64_t imported_jobs = 0;           // run on the caller's memory, imported (no staging)
  uint64_t pinned_jobs = 0;             // run on pinned vectors (imported once, at allocation)
  uint64_t device_reopens = 0;          // lost devices reopened by the persistent backend
  std::string kernel;                   // the kernel variant in force: u64, u64v, u32
  uint64_t chunk_elems = 0;             // the chunk size in force
  uint64_t device_local_threshold = 0;  // elements; Auto jobs from here go device-local
  // Pipeline cache.
  uint64_t pipelines_compiled = 0, pipelines_reused = 0;
  bool pipeline_disk_cache_loaded = false;
  std::string pipeline_disk_cache;
  // Bucket cache (chunk slots: buffers + descriptor set + command buffer per size bucket).
  uint64_t bucket_hits = 0, bucket_misses = 0, bucket_evictions = 0;
  uint64_t exact_size_entries = 0;
  std::vector<BucketStats> buckets;
  // Buffer pool.
  uint64_t pool_hits = 0, pool_misses = 0, pool_evictions = 0;
  uint64_t pool_idle_buffers = 0, pool_idle_bytes = 0, pool_cap_bytes = 0;
  double pool_hit_rate = 0.0;
  // Device memory (suballocated blocks).
  uint64_t memory_blocks = 0, memory_bytes_reserved = 0, memory_bytes_in_use = 0;
  uint64_t memory_vk_allocations = 0;
  // Multi-device executors: each device's share (the fields above sum over devices, or are the
  // first device's where a sum means nothing).
  std::vector<DeviceShare> devices;
};

// A readable multi-line report.
std::string format_stats(const ExecutorStats& stats);

}  // namespace gpuexec
