#include "vulkan/resident_ops.hpp"

#include <algorithm>
#include <array>
#include <vector>

#include "cpu/parallel_copy.hpp"

namespace gpuexec::vk {

namespace {
// Dispatch offsets stay multiples of 256 elements: aligned for any
// minStorageBufferOffsetAlignment a device reports.
constexpr std::size_t kChunkGranule = 256;
// Dispatches recorded into one submission at most.
constexpr std::size_t kDispatchesPerSubmit = 64;
}  // namespace

void write_resident(Device& device, const Buffer& dst, std::span<const std::byte> values) {
  if (values.empty()) return;  // nothing to move: no staging buffer, no submission
  const std::size_t chunk = std::min(device.settings().chunk_elems * sizeof(Fp), values.size());
  auto staging = device.pool().acquire(MemoryUse::Upload, chunk);
  Submission& submission = device.resident_submission();
  for (std::size_t begin = 0; begin < values.size(); begin += chunk) {
    const std::size_t n = std::min(chunk, values.size() - begin);
    cpu::parallel_copy(staging->mapped(), values.data() + begin, n);
    staging->flush(0, n);
    Phases phases;
    phases.upload = [&](Recording& r) {
      r.barrier(Hazard::Any);  // after every earlier kernel write or copy to the vector
      const VkBufferCopy region{0, begin, n};
      r.copy(*staging, dst, std::span(&region, 1));
    };
    submission.submit(phases);
    submission.wait();
  }
  device.pool().release(std::move(staging));
}

void read_resident(Device& device, const Buffer& src, std::span<std::byte> out) {
  if (out.empty()) return;
  const std::size_t chunk = std::min(device.settings().chunk_elems * sizeof(Fp), out.size());
  auto staging = device.pool().acquire(MemoryUse::Readback, chunk);
  Submission& submission = device.resident_submission();
  for (std::size_t begin = 0; begin < out.size(); begin += chunk) {
    const std::size_t n = std::min(chunk, out.size() - begin);
    Phases phases;
    phases.readback = [&](Recording& r) {
      r.barrier(Hazard::Any);
      const VkBufferCopy region{begin, 0, n};
      r.copy(src, *staging, std::span(&region, 1));
    };
    submission.submit(phases);
    submission.wait();
    staging->invalidate(0, n);
    cpu::parallel_copy(out.data() + begin, staging->mapped(), n);
  }
  device.pool().release(std::move(staging));
}

void run_resident(Device& device, const Kernel& kernel, std::span<const BufferRange> inputs,
                  const BufferRange& out, std::size_t n, std::size_t element_bytes) {
  const std::size_t max_elems =
      max_dispatch_elems(device.info(), kernel.local_size(), element_bytes);
  const std::size_t per_dispatch =
      std::max(kChunkGranule, max_elems / kChunkGranule * kChunkGranule);
  const std::size_t dispatches = (n + per_dispatch - 1) / per_dispatch;
  const GpuTimer* timer = device.resident_timer();
  Submission& submission = device.resident_submission();
  device.last_resident_gpu_ms = 0;
  std::vector<BufferRange> bindings(inputs.size() + 1);
  for (std::size_t first = 0; first < dispatches; first += kDispatchesPerSubmit) {
    const std::size_t count = std::min(kDispatchesPerSubmit, dispatches - first);
    Phases phases;
    phases.compute = [&](Recording& r) {
      r.barrier(Hazard::Any);
      if (timer) timer->start(r.handle());
      for (std::size_t d = first; d < first + count; ++d) {
        const std::size_t begin = d * per_dispatch;
        const std::size_t m = std::min(per_dispatch, n - begin);
        const VkDeviceSize offset = begin * element_bytes, bytes = m * element_bytes;
        for (std::size_t i = 0; i < inputs.size(); ++i) {
          bindings[i] = {inputs[i].buffer, inputs[i].offset + offset, bytes};
        }
        bindings.back() = {out.buffer, out.offset + offset, bytes};
        r.dispatch_elements(kernel, bindings, m);
      }
      if (timer) timer->stop(r.handle());
    };
    submission.submit(phases);
    submission.wait(n <= 4096);
    if (timer) device.last_resident_gpu_ms += timer->elapsed_ms();
  }
}

void run_resident_op(Device& device, Op op, FieldId field, std::span<const Buffer* const> inputs,
                     const Buffer& out, std::size_t n) {
  const spirv::KernelId id = device.elementwise_id(op, spirv::ElementEncoding::Montgomery, field);
  const std::size_t bytes = n * spirv::kernel_info(id).element_bytes;
  std::array<BufferRange, 3> ranges;
  for (std::size_t i = 0; i < inputs.size(); ++i) ranges[i] = {inputs[i]->handle(), 0, bytes};
  run_resident(device, device.kernel(id), std::span(ranges.data(), inputs.size()),
               {out.handle(), 0, bytes}, n, spirv::kernel_info(id).element_bytes);
  ++device.counters().resident_ops;
}

}  // namespace gpuexec::vk
