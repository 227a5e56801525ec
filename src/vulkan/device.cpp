#include "vulkan/device.hpp"

#include "gpuexec/validation_log.hpp"
#include "spirv/kernel_variants.hpp"
#include "vulkan/disk_pipeline_cache.hpp"

namespace gpuexec::vk {

namespace {
std::unique_ptr<LogicalDevice> open_device(const Instance& instance, int device_index) {
  const std::vector<DeviceInfo> devices = query_devices(instance.physical_devices());
  return std::make_unique<LogicalDevice>(devices[resolve_device_index(devices, device_index)]);
}
}  // namespace

Device::Device(const ExecutorOptions& options, const std::filesystem::path& cache_dir)
    : instance_(std::make_unique<Instance>(validation_requested())),
      logical_(open_device(*instance_, options.device_index)),
      settings_(DeviceSettings::resolve(logical_->info(), options)),
      allocator_(*logical_),
      pool_(*logical_, allocator_, settings_.pool_cap_bytes),
      kernels_(*logical_, cache_dir.empty() ? std::filesystem::path{}
                                            : pipeline_cache_file(cache_dir, logical_->info())),
      queues_(*logical_, settings_.force_split),
      buckets_(*logical_, pool_, queues_),
      resident_(queues_.on_compute(false)),
      staging_(queues_.on_compute(false)) {
  if (settings_.warm_up) {
    // Compile every kernel off the caller's thread; a job that needs one first waits for it in
    // the kernel cache rather than compiling it again.
    warm_up_ = std::jthread([this] {
      try {
        for (Op op : kBinaryOps) elementwise_kernel(op);
      } catch (...) {
        // A failure here resurfaces, with its message, when a job asks for the same kernel.
      }
    });
  }
}

Device::~Device() {
  wait_for_warm_up();
}

void Device::wait_for_warm_up() {
  if (warm_up_.joinable()) warm_up_.join();
}

const Kernel& Device::kernel(spirv::KernelId id) {
  // Every kernel of the catalog shares the element-wise interface: inputs + output bindings,
  // push constant {uint n}, the workgroup size as specialization constant 0, and constant 1:
  // coalesced IO, where asked for and the workgroup's elements fit in its memory.
  const spirv::KernelInfo& kernel = spirv::kernel_info(id);
  KernelShape shape;
  shape.bindings = kernel.inputs + 1;
  shape.push_bytes = sizeof(uint32_t);
  shape.local_size = settings_.local_size;
  const std::size_t tile_bytes =
      std::size_t{kernel.inputs} * kernel.element_bytes * shape.local_size;
  const bool sum = kernel.op == Op::Add || kernel.op == Op::Sub;
  const bool coalesced = (sum ? settings_.coalesced_sums : settings_.coalesced_products) &&
                         tile_bytes <= info().limits.maxComputeSharedMemorySize;
  shape.spec = {coalesced ? 1u : 0u};
  return kernels_.get(spirv::kernel_module(id), shape);
}

spirv::KernelId Device::elementwise_id(Op op, spirv::ElementEncoding encoding,
                                       FieldId field) const {
  return spirv::elementwise_kernel(op, settings_.kernel, field, encoding);
}

void Device::time_resident_ops(bool on) {
  std::lock_guard lock(work_mutex_);
  if (on && !timer_) timer_ = std::make_unique<GpuTimer>(*logical_, logical_->compute_family());
  timing_ = on;
}

void Device::add_stats(ExecutorStats& s) const {
  const JobCounters& c = counters_;
  s.batches = c.batches;
  s.resident_ops = c.resident_ops;
  s.jobs = c.jobs;
  s.chunks = c.chunks;
  s.elements = c.elements;
  s.host_visible_jobs = c.host_visible_jobs;
  s.device_local_jobs = c.device_local_jobs;
  s.imported_jobs = c.imported_jobs;
  s.pinned_jobs = c.pinned_jobs;
  s.chunk_elems = settings_.chunk_elems;
  s.kernel = std::string(spirv::find_variant(settings_.kernel)->name);  // never Auto here
  s.device_local_threshold = settings_.staging_pays ? settings_.device_local_threshold : 0;
  const PipelineCacheStats p = kernels_.stats();
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
