#include "vulkan/vector_jobs.hpp"

#include <algorithm>
#include <map>
#include <tuple>
#include <vector>

#include "vulkan/chunk_streamer.hpp"

namespace gpuexec::vk {

namespace {
ChunkWork work_of(Device& device, const Job& job) {
  const spirv::KernelId id = device.elementwise_id(job.op);
  ChunkWork w;
  w.kernel = &device.kernel(id);
  w.inputs = {reinterpret_cast<const std::byte*>(job.a.data()),
              reinterpret_cast<const std::byte*>(job.b.data()),
              reinterpret_cast<const std::byte*>(job.c.data())};
  w.out = reinterpret_cast<std::byte*>(job.out.data());
  w.n = job.out.size();
  w.element_bytes = spirv::kernel_info(id).element_bytes;
  return w;
}

void count_job(JobCounters& c, std::size_t n, DataPath path, std::size_t chunks) {
  c.chunks += chunks;
  ++c.jobs;
  c.elements += n;
  ++(path == DataPath::DeviceLocal ? c.device_local_jobs : c.host_visible_jobs);
}

// A job on a device whose lock the caller holds.
void run_locked(Device& device, const Job& job) {
  const std::size_t n = job.out.size();
  if (n == 0) return;
  const DataPath path = device.settings().path_for(n);
  ChunkStreamer streamer(device.buckets(), device.settings().chunk_elems);
  count_job(device.counters(), n, path, streamer.run(work_of(device, job), path));
}
}  // namespace

void run_vector_job(Device& device, const Job& job) {
  const auto lock = device.lock();
  run_locked(device, job);
}

void run_vector_batch(Device& device, std::span<const Job> jobs, Schedule schedule) {
  const auto lock = device.lock();
  if (schedule == Schedule::Sequential) {
    for (const Job& j : jobs) run_locked(device, j);
    return;
  }
  // Group by (path, bucket capacity, op): each group streams through one ring of slots of its
  // size, and switches pipelines only where the op changes.
  const std::size_t chunk_elems = device.settings().chunk_elems;
  using Key = std::tuple<DataPath, std::size_t, Op>;
  std::map<Key, std::vector<ChunkWork>> groups;
  std::map<Key, std::size_t> largest;
  for (const Job& j : jobs) {
    const std::size_t n = j.out.size();
    if (n == 0) continue;
    const DataPath path = device.settings().path_for(n);
    const std::size_t capacity = bucket_elems(std::min(n, chunk_elems), chunk_elems);
    const Key key{path, capacity, j.op};
    auto& chunks = groups[key];
    const std::size_t before = chunks.size();
    split_into_chunks(work_of(device, j), capacity, chunks);
    largest[key] = std::max(largest[key], n);
    count_job(device.counters(), n, path, chunks.size() - before);
  }
  ChunkStreamer streamer(device.buckets(), chunk_elems);
  for (const auto& [key, chunks] : groups) {
    streamer.run(chunks, std::get<0>(key), std::get<1>(key), largest[key]);
  }
  ++device.counters().batches;
}

}  // namespace gpuexec::vk
