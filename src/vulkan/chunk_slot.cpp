#include "vulkan/chunk_slot.hpp"

#include <algorithm>
#include <utility>

#include "cpu/parallel_copy.hpp"
#include "gpuexec/error.hpp"

namespace gpuexec::vk {

namespace {
// Up to this many elements a chunk is short enough that polling its fence beats sleeping on it
// (lavapipe: 64 elements 0.065 -> 0.045 ms; 16K elements got slower when polled).
constexpr std::size_t kPollMaxElems = 4096;

VkDeviceSize align_up(VkDeviceSize v, VkDeviceSize a) {
  return (v + a - 1) / a * a;
}
}  // namespace

ChunkSlot::ChunkSlot(const LogicalDevice& device, BufferPool& pool, const SubmitQueues& queues,
                     DataPath path, VkDeviceSize vector_bytes, uint32_t inputs)
    : pool_(pool),
      path_(path),
      vector_bytes_(vector_bytes),
      input_stride_(align_up(
          vector_bytes,
          std::max<VkDeviceSize>(1, device.info().limits.minStorageBufferOffsetAlignment))),
      inputs_(inputs) {
  const VkDeviceSize in_bytes = input_offset(inputs - 1) + vector_bytes;
  if (path == DataPath::DeviceLocal) {
    host_in_ = &take(MemoryUse::Upload, in_bytes);
    dev_in_ = &take(MemoryUse::DeviceLocal, in_bytes);
    dev_out_ = &take(MemoryUse::DeviceLocal, vector_bytes);
    host_out_ = &take(MemoryUse::Readback, vector_bytes);
    submission_ = queues.for_copies(true);
  } else {
    host_in_ = dev_in_ = &take(MemoryUse::HostVisible, in_bytes);
    // The host reads the results back: they must be in cached memory. Reading the device-local
    // host-visible (BAR) memory that suits the inputs ran at ~30 MB/s on an H100.
    dev_out_ = host_out_ = &take(MemoryUse::Readback, vector_bytes);
    submission_ = queues.on_compute(true);
  }
  if (!host_in_->mapped() || !host_out_->mapped()) {
    throw Error(ErrorCode::Internal, "chunk slot buffer not mapped");
  }
}

ChunkSlot::~ChunkSlot() {
  abandon();
  // The GPU is done with the buffers (abandon waited): the pool may hand them out again.
  for (auto& b : buffers_) pool_.release(std::move(b));
}

Buffer& ChunkSlot::take(MemoryUse use, VkDeviceSize bytes) {
  buffers_.push_back(pool_.acquire(use, bytes));
  return *buffers_.back();
}

void ChunkSlot::submit(const ChunkWork& work) {
  if (busy()) throw Error(ErrorCode::Internal, "chunk slot submitted twice");
  const VkDeviceSize bytes = work.n * work.element_bytes;
  if (work.n == 0 || bytes > vector_bytes_ || work.input_count() != inputs_) {
    throw Error(ErrorCode::Internal, "chunk does not fit its slot");
  }
  const bool external = work.external();
  if (external && dev_in_ == host_in_) {
    throw Error(ErrorCode::Internal, "external chunks take the device-local path");
  }
  if (!external) {
    std::array<cpu::CopyRegion, kMaxChunkInputs> copies;
    for (uint32_t i = 0; i < inputs_; ++i) {
      copies[i] = {host_in_->mapped() + input_offset(i), work.inputs[i], bytes};
    }
    cpu::parallel_copy(std::span(copies.data(), inputs_));
    host_in_->flush(0, input_offset(inputs_ - 1) + bytes);
  }

  // Host writes before vkQueueSubmit are visible to the device without a barrier.
  std::array<BufferRange, kMaxChunkInputs + 1> bindings;
  for (uint32_t i = 0; i < inputs_; ++i)
    bindings[i] = {dev_in_->handle(), input_offset(i), vector_bytes_};
  bindings[inputs_] = {dev_out_->handle(), 0, vector_bytes_};
  Phases phases;
  phases.compute = [&](Recording& r) {
    r.dispatch_elements(*work.kernel, std::span(bindings.data(), inputs_ + 1), work.n);
  };
  if (dev_in_ != host_in_) {
    phases.upload = [&](Recording& r) {
      std::array<VkBufferCopy, kMaxChunkInputs> regions;
      for (uint32_t i = 0; i < inputs_; ++i) {
        regions[i] = {external ? work.host_in[i].offset : input_offset(i), input_offset(i), bytes};
        if (external) r.copy(work.host_in[i].buffer, dev_in_->handle(), std::span(&regions[i], 1));
      }
      if (!external) r.copy(*host_in_, *dev_in_, std::span(regions.data(), inputs_));
    };
    phases.readback = [&](Recording& r) {
      const VkBufferCopy result{0, external ? work.host_out.offset : 0, bytes};
      r.copy(dev_out_->handle(), external ? work.host_out.buffer : host_out_->handle(),
             std::span(&result, 1));
    };
  }
  // Busy from here: a submission that fails midway may leave its earlier parts running, and
  // abandon() waits for them.
  in_flight_ = work;
  submission_->submit(phases);
}

void ChunkSlot::finish() {
  const ChunkWork work = std::exchange(in_flight_, ChunkWork{});
  submission_->wait(work.n <= kPollMaxElems);
  if (work.external()) return;  // the device wrote the results in place
  const std::size_t bytes = work.n * work.element_bytes;
  host_out_->invalidate(0, bytes);
  cpu::parallel_copy(work.out, host_out_->mapped(), bytes);
}

void ChunkSlot::abandon() noexcept {
  in_flight_ = ChunkWork{};
  submission_->abandon();
}

}  // namespace gpuexec::vk
