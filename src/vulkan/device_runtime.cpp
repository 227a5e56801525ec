#include "vulkan/device_runtime.hpp"

#include <algorithm>
#include <cstdlib>
#include <map>
#include <string_view>
#include <tuple>
#include <vector>

#include "vulkan/kernel_library.hpp"

namespace gpuexec::vk {

namespace {
// GPUEXEC_SPLIT_QUEUES=1: run the transfer-queue schedule (timeline semaphores) even on a device
// with one queue, as the tests do on lavapipe.
bool split_forced() {
  const char* v = std::getenv("GPUEXEC_SPLIT_QUEUES");
  return v && std::string_view(v) == "1";
}
}  // namespace

DeviceRuntime::DeviceRuntime(const DeviceContext& ctx, const ExecutorOptions& options,
                             std::filesystem::path disk_cache_file)
    : ctx_(ctx),
      settings_(RunnerSettings::resolve(ctx.info(), options)),
      allocator_(ctx),
      pool_(ctx, allocator_, settings_.pool_cap_bytes),
      pipelines_(ctx, std::move(disk_cache_file)),
      timelines_(QueueTimelines::create(ctx, split_forced())),
      buckets_(ctx, pool_, pipelines_.layout(), timelines_.get()),
      streamer_(buckets_, settings_.chunk_elems),
      resident_(ctx, pool_, pipelines_.layout(), settings_) {
  if (settings_.warm_up) {
    // Compile every kernel off the caller's thread; a job that needs one first waits for it in
    // the pipeline cache rather than compiling it again.
    warm_up_ = std::jthread([this] {
      try {
        for (Op op : kBinaryOps)
          pipelines_.get(kernel_module(op, settings_.kernel), settings_.local_size);
      } catch (...) {
        // A failure here resurfaces, with its message, when a job asks for the same pipeline.
      }
    });
  }
}

DeviceRuntime::~DeviceRuntime() {
  wait_for_warm_up();
}

void DeviceRuntime::wait_for_warm_up() {
  if (warm_up_.joinable()) warm_up_.join();
}

void DeviceRuntime::run(Op op, std::span<const Fp> a, std::span<const Fp> b, std::span<Fp> out) {
  const std::size_t n = out.size();
  if (n == 0) return;
  std::lock_guard lock(run_mutex_);
  const KernelPipeline& kernel =
      pipelines_.get(kernel_module(op, settings_.kernel), settings_.local_size);
  const DataPath path = settings_.path_for(n);
  count_job(n, path, streamer_.run(kernel, path, a.data(), b.data(), out.data(), n));
}

void DeviceRuntime::count_job(std::size_t n, DataPath path, std::size_t chunks) {
  chunks_ += chunks;
  ++jobs_;
  elements_ += n;
  ++(path == DataPath::DeviceLocal ? device_local_jobs_ : host_visible_jobs_);
}

void DeviceRuntime::run_batch(std::span<const Job> jobs, Schedule schedule) {
  if (schedule == Schedule::Sequential) {
    for (const Job& j : jobs) run(j.op, j.a, j.b, j.out);
    return;
  }
  std::lock_guard lock(run_mutex_);
  // Group by (path, bucket capacity, op): each group streams through one ring of slots of its
  // size, and switches pipelines only where the op changes.
  using Key = std::tuple<DataPath, std::size_t, Op>;
  std::map<Key, std::vector<ChunkWork>> groups;
  std::map<Key, std::size_t> largest;
  for (const Job& j : jobs) {
    const std::size_t n = j.out.size();
    if (n == 0) continue;
    const KernelPipeline& kernel =
        pipelines_.get(kernel_module(j.op, settings_.kernel), settings_.local_size);
    const DataPath path = settings_.path_for(n);
    const std::size_t capacity =
        bucket_elems(std::min(n, settings_.chunk_elems), settings_.chunk_elems);
    const Key key{path, capacity, j.op};
    auto& chunks = groups[key];
    const std::size_t before = chunks.size();
    split_into_chunks(kernel, j.a.data(), j.b.data(), j.out.data(), n, capacity, chunks);
    largest[key] = std::max(largest[key], n);
    count_job(n, path, chunks.size() - before);
  }
  for (const auto& [key, chunks] : groups) {
    streamer_.run(chunks, std::get<0>(key), std::get<1>(key), largest[key]);
  }
  ++batches_;
}

std::unique_ptr<Buffer> DeviceRuntime::allocate_resident(std::size_t n) {
  return pool_.acquire(MemoryUse::DeviceLocal, std::max<std::size_t>(n, 1) * sizeof(Fp));
}

void DeviceRuntime::release_resident(std::unique_ptr<Buffer> buffer) {
  std::lock_guard lock(run_mutex_);  // no op of ours is using it now
  pool_.release(std::move(buffer));
}

void DeviceRuntime::write_resident(const Buffer& dst, std::span<const Fp> values) {
  std::lock_guard lock(run_mutex_);
  resident_.write(dst, values);
}

void DeviceRuntime::read_resident(const Buffer& src, std::span<Fp> out) {
  std::lock_guard lock(run_mutex_);
  resident_.read(src, out);
}

void DeviceRuntime::time_resident_ops(bool on) {
  std::lock_guard lock(run_mutex_);
  if (on && !resident_timer_) {
    resident_timer_ = std::make_unique<GpuTimer>(ctx_, ctx_.compute_family());
  }
  resident_.time_with(on ? resident_timer_.get() : nullptr);
}

void DeviceRuntime::run_resident(Op op, const Buffer& a, const Buffer& b, const Buffer& out,
                                 std::size_t n) {
  std::lock_guard lock(run_mutex_);
  const KernelPipeline& kernel =
      pipelines_.get(kernel_module(op, settings_.kernel), settings_.local_size);
  resident_.run(kernel, a, b, out, n);
  ++resident_ops_;
}

void DeviceRuntime::add_stats(ExecutorStats& s) const {
  s.batches = batches_;
  s.resident_ops = resident_ops_;
  s.jobs = jobs_;
  s.chunks = chunks_;
  s.elements = elements_;
  s.host_visible_jobs = host_visible_jobs_;
  s.device_local_jobs = device_local_jobs_;
  s.chunk_elems = settings_.chunk_elems;
  s.kernel = kernel_variant_name(settings_.kernel);
  s.device_local_threshold = settings_.staging_pays ? settings_.device_local_threshold : 0;
  const PipelineCacheStats p = pipelines_.stats();
  s.pipelines_compiled = p.compiled;
  s.pipelines_reused = p.reused;
  s.pipeline_disk_cache_loaded = p.disk_loaded;
  s.pipeline_disk_cache = p.disk_path;
  const BucketCacheStats b = buckets_.stats();
  s.bucket_hits = b.hits;
  s.bucket_misses = b.misses;
  s.bucket_evictions = b.evictions;
  s.exact_size_entries = b.exact_size_entries;
  for (const BucketEntry& e : b.buckets) {
    s.buckets.push_back({std::string(data_path_name(e.path)), e.elements, e.idle_slots});
  }
  const BufferPoolStats pool = pool_.stats();
  s.pool_hits = pool.hits;
  s.pool_misses = pool.misses;
  s.pool_evictions = pool.evictions;
  s.pool_idle_buffers = pool.idle_buffers;
  s.pool_idle_bytes = pool.idle_bytes;
  s.pool_cap_bytes = pool.cap_bytes;
  s.pool_hit_rate = pool.hit_rate();
  const AllocatorStats m = allocator_.stats();
  s.memory_blocks = m.blocks;
  s.memory_bytes_reserved = m.bytes_reserved;
  s.memory_bytes_in_use = m.bytes_in_use;
  s.memory_vk_allocations = m.vk_allocations;
}

}  // namespace gpuexec::vk
