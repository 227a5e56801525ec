#include "vulkan/chunk_streamer.hpp"

#include <algorithm>
#include <array>
#include <map>
#include <memory>
#include <tuple>

#include "vulkan/host_import.hpp"

namespace gpuexec::vk {

namespace {
// The whole job as one piece of work: its kernel and its arrays as bytes.
ChunkWork whole_work(Device& device, FieldId field, Op op, spirv::ElementEncoding encoding,
                     std::array<const void*, kMaxChunkInputs> inputs, void* out, std::size_t n) {
  const spirv::KernelId id = device.elementwise_id(op, encoding, field);
  ChunkWork w;
  w.kernel = &device.kernel(id);
  for (std::size_t i = 0; i < inputs.size(); ++i) {
    w.inputs[i] = static_cast<const std::byte*>(inputs[i]);
  }
  w.out = static_cast<std::byte*>(out);
  w.n = n;
  w.element_bytes = spirv::kernel_info(id).element_bytes;
  return w;
}

ChunkWork work_of(Device& device, const FieldJob& job) {
  return whole_work(device, job.field, job.op, spirv::ElementEncoding::Montgomery,
                    {job.in[0], job.in[1], job.in[2]}, job.out, job.n);
}

void count_job(JobCounters& c, std::size_t n, DataPath path, std::size_t chunks) {
  c.chunks += chunks;
  ++c.jobs;
  c.elements += n;
  ++(path == DataPath::DeviceLocal ? c.device_local_jobs : c.host_visible_jobs);
}

// Chunks that all fit slots of this path and capacity (elements), in order, through one ring.
// `job_elems` feeds the bucket statistics.
void stream(BucketCache& buckets, std::span<const ChunkWork> chunks, DataPath path,
            std::size_t capacity, std::size_t job_elems) {
  if (chunks.empty()) return;
  const std::size_t ring = std::min(kSlotsInFlight, chunks.size());
  const std::size_t element_bytes = chunks.front().element_bytes;
  const uint32_t inputs = chunks.front().input_count();
  // On an exception the slots' destructors wait out work in flight; none goes back to the cache.
  std::array<std::unique_ptr<ChunkSlot>, kSlotsInFlight> slots;
  for (std::size_t s = 0; s < ring; ++s) {
    slots[s] = buckets.acquire(path, capacity * element_bytes, inputs, job_elems * element_bytes);
  }
  for (std::size_t k = 0; k < chunks.size(); ++k) {
    const std::size_t s = k % ring;
    if (slots[s]->busy()) slots[s]->finish();  // chunk k - ring
    slots[s]->submit(chunks[k]);
  }
  // Drain in submission order.
  for (std::size_t k = chunks.size() - ring; k < chunks.size(); ++k) slots[k % ring]->finish();
  for (std::size_t s = 0; s < ring; ++s) buckets.release(std::move(slots[s]));
}

// Chunks of one job through a ring of slots of its path.
void stream_chunks(Device& device, const ChunkWork& job, DataPath path) {
  const std::size_t chunk_elems = device.settings().chunk_elems;
  const std::size_t capacity = bucket_elems(std::min(job.n, chunk_elems), chunk_elems);
  std::vector<ChunkWork> chunks;
  split_into_chunks(job, capacity, chunks);
  stream(device.buckets(), chunks, path, capacity, job.n);
  count_job(device.counters(), job.n, path, chunks.size());
}

// A job on external ranges: moved by the copy engine through device-local slots, or bound to
// the kernel (where the binding offsets suit the device).
bool run_external(Device& device, const ChunkWork& job, bool copies) {
  if (copies) {
    stream_chunks(device, job, DataPath::DeviceLocal);
    return true;
  }
  const VkDeviceSize align =
      std::max<VkDeviceSize>(16, device.info().limits.minStorageBufferOffsetAlignment);
  for (uint32_t i = 0; i <= job.input_count(); ++i) {
    if ((i < job.input_count() ? job.host_in[i] : job.host_out).offset % align != 0) return false;
  }
  run_bound(device, job);
  JobCounters& c = device.counters();
  ++c.jobs;
  c.elements += job.n;
  return true;
}

// The job with the ranges of the pinned vectors holding its arrays; none unless all are pinned.
std::optional<ChunkWork> on_pinned(Device& device, const ChunkWork& job) {
  ChunkWork w = job;
  const std::size_t bytes = job.n * job.element_bytes;
  for (uint32_t i = 0; i <= job.input_count(); ++i) {
    const bool out = i == job.input_count();
    const auto r = device.pinned().find(out ? job.out : job.inputs[i], bytes);
    if (!r) return std::nullopt;
    (out ? w.host_out : w.host_in[i]) = *r;
  }
  return w;
}

// Whether the job ran on the caller's memory: pinned vectors, or arrays imported where the
// settings import jobs of its size.
bool on_callers_memory(Device& device, const ChunkWork& job) {
  const DeviceSettings& s = device.settings();
  if (const auto pinned = on_pinned(device, job)) {
    if (run_external(device, *pinned, s.pinned_copies)) {
      ++device.counters().pinned_jobs;
      return true;
    }
  }
  if (!s.imports(job.n)) return false;
  std::optional<ImportedJob> imported = import_job(device, job);
  if (!imported || !run_external(device, imported->work, s.import_copies)) return false;
  ++device.counters().imported_jobs;
  return true;
}

// A job on a device whose lock the caller holds.
void stream_locked(Device& device, const ChunkWork& job) {
  if (job.n == 0 || on_callers_memory(device, job)) return;
  stream_chunks(device, job, device.settings().path_for(job.n));
}
}  // namespace

void split_into_chunks(const ChunkWork& job, std::size_t capacity, std::vector<ChunkWork>& chunks) {
  for (std::size_t begin = 0; begin < job.n; begin += capacity) {
    ChunkWork c = job;
    const std::size_t offset = begin * job.element_bytes;
    c.n = std::min(capacity, job.n - begin);
    for (uint32_t i = 0; i < job.input_count(); ++i) {
      c.inputs[i] += offset;
      if (job.external())
        c.host_in[i] = {job.host_in[i].buffer, job.host_in[i].offset + offset,
                        c.n * job.element_bytes};
    }
    c.out += offset;
    if (job.external())
      c.host_out = {job.host_out.buffer, job.host_out.offset + offset, c.n * job.element_bytes};
    chunks.push_back(c);
  }
}

void stream_job(Device& device, const FieldJob& job) {
  const auto lock = device.lock();
  stream_locked(device, work_of(device, job));
}

void stream_encoded(Device& device, const EncodedJob& job) {
  const auto lock = device.lock();
  const std::size_t n = job.out.size() / field_info(job.field).element_bytes;
  stream_locked(device, whole_work(device, job.field, job.op, spirv::ElementEncoding::BigEndian,
                                   {job.a.data(), job.b.data(), job.c.data()}, job.out.data(), n));
}

void stream_batch(Device& device, std::span<const FieldJob> jobs, Schedule schedule) {
  const auto lock = device.lock();
  if (schedule == Schedule::Sequential) {
    for (const FieldJob& j : jobs) stream_locked(device, work_of(device, j));
    return;
  }
  // Group by (path, bucket capacity, field, op): each group streams through one ring of slots of
  // its size, and switches pipelines only where the kernel changes.
  const std::size_t chunk_elems = device.settings().chunk_elems;
  using Key = std::tuple<DataPath, std::size_t, FieldId, Op>;
  std::map<Key, std::vector<ChunkWork>> groups;
  std::map<Key, std::size_t> largest;
  for (const FieldJob& j : jobs) {
    const std::size_t n = j.n;
    if (n == 0) continue;
    // Jobs of a pipelined batch are independent: one on the caller's memory may run first.
    const ChunkWork whole = work_of(device, j);
    if (on_callers_memory(device, whole)) continue;
    const DataPath path = device.settings().path_for(n);
    const std::size_t capacity = bucket_elems(std::min(n, chunk_elems), chunk_elems);
    const Key key{path, capacity, j.field, j.op};
    auto& chunks = groups[key];
    const std::size_t before = chunks.size();
    split_into_chunks(whole, capacity, chunks);
    largest[key] = std::max(largest[key], n);
    count_job(device.counters(), n, path, chunks.size() - before);
  }
  for (const auto& [key, chunks] : groups) {
    stream(device.buckets(), chunks, std::get<0>(key), std::get<1>(key), largest[key]);
  }
  ++device.counters().batches;
}

}  // namespace gpuexec::vk
