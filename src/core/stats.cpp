#include "gpuexec/stats.hpp"

#include <fmt/format.h>

namespace gpuexec {

namespace {
std::string mib(uint64_t bytes) {
  return fmt::format("{:.2f} MiB", bytes / double(1 << 20));
}
}  // namespace

std::string format_stats(const ExecutorStats& s) {
  std::string out = fmt::format("backend: {}\n", s.backend);
  out += fmt::format(
      "jobs: {} ({} elements, {} chunks; host-visible {}, device-local {}, imported {}, pinned "
      "{})\n",
      s.jobs, s.elements, s.chunks, s.host_visible_jobs, s.device_local_jobs, s.imported_jobs,
      s.pinned_jobs);
  if (s.backend.rfind("cpu", 0) == 0) return out;
  out += fmt::format("pipelined batches: {}; ops on device-resident vectors: {}\n", s.batches,
                     s.resident_ops);
  for (const DeviceShare& d : s.devices) {
    out += fmt::format("  device {} ({}): {} jobs, {} elements, {} failures, {}\n", d.index, d.name,
                       d.jobs, d.elements, d.failures,
                       d.elements_per_second > 0
                           ? fmt::format("{:.3g} elements/s", d.elements_per_second)
                           : std::string("speed not measured yet"));
  }
  if (s.device_reopens)
    out += fmt::format("device lost and reopened: {} times\n", s.device_reopens);
  out += fmt::format("kernel: {}; chunk: {} elements; device-local from: {}\n", s.kernel,
                     s.chunk_elems,
                     s.device_local_threshold
                         ? fmt::format("{} elements", s.device_local_threshold)
                         : std::string("never on this device unless forced (GPU_DEVICE_LOCAL=1)"));
  out += fmt::format("pipelines: {} compiled, {} reused; disk cache {}{}\n", s.pipelines_compiled,
                     s.pipelines_reused, s.pipeline_disk_cache_loaded ? "loaded" : "not loaded",
                     s.pipeline_disk_cache.empty() ? "" : " (" + s.pipeline_disk_cache + ")");
  out += fmt::format("bucket cache: {} hits, {} misses, {} evictions; exact-size entries: {}\n",
                     s.bucket_hits, s.bucket_misses, s.bucket_evictions, s.exact_size_entries);
  for (const BucketStats& b : s.buckets) {
    out += fmt::format("  bucket {:>9} elements {:<12} idle slots {}\n", b.elements, b.path,
                       b.idle_slots);
  }
  out += fmt::format(
      "buffer pool: {} hits, {} misses, hit rate {:.1f}%, {} evictions; idle {} "
      "buffers, {} held (cap {})\n",
      s.pool_hits, s.pool_misses, 100.0 * s.pool_hit_rate, s.pool_evictions, s.pool_idle_buffers,
      mib(s.pool_idle_bytes), mib(s.pool_cap_bytes));
  out +=
      fmt::format("device memory: {} blocks, {} reserved, {} in use, {} vkAllocateMemory calls\n",
                  s.memory_blocks, mib(s.memory_bytes_reserved), mib(s.memory_bytes_in_use),
                  s.memory_vk_allocations);
  return out;
}

}  // namespace gpuexec
