// The ceilings a GPU job is measured against: host->device and device->host bandwidth through
// staging copies, device memory bandwidth (a device-local copy), and the submit + wait latency of
// an empty command buffer; and the host's side, the copies the data paths make on the CPU
// (parallel_copy) between the caller's memory and mapped memory. Variants: "h2d", "d2h", "d2d",
// "submit", "host>mapped" (into the host-visible path's input memory), "host>upload" (into
// staging), "readback>host"; `gbytes_per_s` per row (bytes copied once; for d2d also counted
// read + write as `gbytes_per_s_rw`).
#include <cstring>
#include <vector>

#include "cpu/parallel_copy.hpp"

#include "bench/suites.hpp"
#include "bench/timing.hpp"
#include "vulkan/submission.hpp"

namespace gpuexec::cli {

namespace {
BenchResult row(const std::string& variant, std::size_t bytes, const Timing& t) {
  BenchResult r = make_result({"transfer", variant}, bytes / sizeof(Fp), t, false);
  r.extra["bytes"] = bytes;
  r.extra["gbytes_per_s"] = t.median_ms > 0 ? bytes / (t.median_ms * 1e6) : 0.0;
  return r;
}
}  // namespace

std::vector<BenchResult> run_transfer_suite(BenchContext& ctx) {
  const BenchOptions& o = ctx.options();
  vk::PersistentBackend& backend = ctx.persistent();
  const vk::LogicalDevice& dev = backend.logical_device();
  vk::BufferPool& pool = backend.device().pool();
  vk::FenceSubmission commands(dev, false);
  std::vector<std::size_t> sizes = o.sizes;  // in elements of 48 bytes
  if (sizes.empty())
    sizes = o.quick ? std::vector<std::size_t>{1 << 16, 1 << 20}
                    : std::vector<std::size_t>{1 << 16, 1 << 20, 1 << 22, 1 << 23};
  std::vector<BenchResult> results;

  const Timing empty = measure(
      3, std::max(o.reps, 20),
      [&] {
        commands.submit({});
        commands.wait(true);
      },
      [] {});
  results.push_back(row("submit", 0, empty));
  results.back().verified = true;

  for (std::size_t n : sizes) {
    ctx.progress("transfer", "h2d d2d d2h", n);
    const VkDeviceSize bytes = n * sizeof(Fp);
    auto upload = pool.acquire(vk::MemoryUse::Upload, bytes);
    auto local = pool.acquire(vk::MemoryUse::DeviceLocal, bytes);
    auto local2 = pool.acquire(vk::MemoryUse::DeviceLocal, bytes);
    auto readback = pool.acquire(vk::MemoryUse::Readback, bytes);
    for (VkDeviceSize i = 0; i < bytes; ++i) upload->mapped()[i] = std::byte(i * 131 + 7);
    auto copy = [&](const vk::Buffer& src, const vk::Buffer& dst) {
      vk::Phases phases;
      phases.readback = [&](vk::Recording& r) {
        const VkBufferCopy region{0, 0, bytes};
        r.copy(src, dst, std::span(&region, 1));
      };
      commands.submit(phases);
      commands.wait();
    };
    const int reps = o.reps;
    results.push_back(row("h2d", bytes,
                          measure(
                              1, reps, [&] { copy(*upload, *local); }, [] {})));
    results.push_back(row("d2d", bytes,
                          measure(
                              1, reps, [&] { copy(*local, *local2); }, [] {})));
    results.back().extra["gbytes_per_s_rw"] =
        2 * results.back().extra["gbytes_per_s"].get<double>();
    results.push_back(row("d2h", bytes,
                          measure(
                              1, reps, [&] { copy(*local2, *readback); }, [] {})));
    // The bytes made the round trip intact.
    readback->invalidate(0, bytes);
    const bool intact = std::memcmp(upload->mapped(), readback->mapped(), bytes) == 0;
    for (std::size_t k = results.size() - 3; k < results.size(); ++k) results[k].verified = intact;
    // The CPU's copies, as the data paths make them.
    std::vector<std::byte> host(bytes);
    std::memcpy(host.data(), upload->mapped(), bytes);
    auto mapped = pool.acquire(vk::MemoryUse::HostVisible, bytes);
    const auto host_copy = [&](const std::string& variant, void* dst, const void* src) {
      results.push_back(row(variant, bytes,
                            measure(
                                1, reps, [&] { cpu::parallel_copy(dst, src, bytes); }, [] {})));
      results.back().verified = std::memcmp(dst, src, bytes) == 0;
    };
    host_copy("host>mapped", mapped->mapped(), host.data());
    host_copy("host>upload", upload->mapped(), host.data());
    host_copy("readback>host", host.data(), readback->mapped());
    pool.release(std::move(mapped));
    pool.release(std::move(upload));
    pool.release(std::move(local));
    pool.release(std::move(local2));
    pool.release(std::move(readback));
    pool.trim();
  }
  return results;
}

}  // namespace gpuexec::cli
