#include "vulkan/resident_ops.hpp"

#include <algorithm>
#include <array>
#include <memory>
#include <utility>
#include <vector>

#include "cpu/parallel_copy.hpp"

namespace gpuexec::vk {

namespace {
// Dispatch offsets stay multiples of 256 elements: aligned for any
// minStorageBufferOffsetAlignment a device reports.
constexpr std::size_t kChunkGranule = 256;
// Dispatches recorded into one submission at most.
constexpr std::size_t kDispatchesPerSubmit = 64;

// Staged writes and reads move in pieces of this size through two staging buffers: the copy
// engine moves one piece while the CPU copies the other, and a piece's submission (tens of
// microseconds) stays small beside its copy (8 MiB: ~0.17 ms at 50 GB/s).
constexpr std::size_t kPieceBytes = std::size_t{8} << 20;

struct Piece {
  std::unique_ptr<Buffer> staging;
  Submission* submission = nullptr;
};

// The pieces of one staged write or read: piece k uses staging buffer and submission k % 2.
class StagedPieces {
 public:
  StagedPieces(Device& device, MemoryUse use, std::size_t bytes)
      : device_(device), bytes_(bytes), piece_(std::min(kPieceBytes, bytes)) {
    ring_[0].submission = &device.resident_submission();
    ring_[1].submission = &device.staging_submission();
    for (std::size_t s = 0; s < std::min<std::size_t>(2, count()); ++s) {
      ring_[s].staging = device.pool().acquire(use, piece_);
    }
  }
  // The buffers go back to the pool after success; after a failure they are freed.
  ~StagedPieces() {
    for (Piece& p : ring_) {
      if (p.staging && !failed_) device_.pool().release(std::move(p.staging));
    }
  }
  std::size_t count() const { return (bytes_ + piece_ - 1) / piece_; }
  // Piece k's first byte and size.
  std::pair<std::size_t, std::size_t> range(std::size_t k) const {
    return {k * piece_, std::min(piece_, bytes_ - k * piece_)};
  }
  // Piece k's buffer and submission, once its submission's earlier work is done.
  Piece& ready(std::size_t k) {
    Piece& p = ring_[k % 2];
    p.submission->wait();
    return p;
  }
  void finish() {
    for (Piece& p : ring_) p.submission->wait();
  }
  // After a failure: nothing may still use the staging buffers when they go back to the pool.
  void abandon() noexcept {
    failed_ = true;
    for (Piece& p : ring_) p.submission->abandon();
  }

 private:
  Device& device_;
  std::size_t bytes_, piece_;
  std::array<Piece, 2> ring_;
  bool failed_ = false;
};
}  // namespace

void write_resident(Device& device, const Buffer& dst, std::span<const std::byte> values) {
  if (values.empty()) return;  // nothing to move: no staging buffer, no submission
  StagedPieces pieces(device, MemoryUse::Upload, values.size());
  try {
    for (std::size_t k = 0; k < pieces.count(); ++k) {
      auto [begin, n] = pieces.range(k);
      Piece& piece = pieces.ready(k);
      cpu::parallel_copy(piece.staging->mapped(), values.data() + begin, n);
      piece.staging->flush(0, n);
      Phases phases;
      phases.upload = [&](Recording& r) {
        r.barrier(Hazard::Any);  // after every earlier kernel write or copy to the vector
        const VkBufferCopy region{0, begin, n};
        r.copy(*piece.staging, dst, std::span(&region, 1));
      };
      piece.submission->submit(phases);
    }
    pieces.finish();
  } catch (...) {
    pieces.abandon();
    throw;
  }
}

void read_resident(Device& device, const Buffer& src, std::span<std::byte> out) {
  if (out.empty()) return;
  StagedPieces pieces(device, MemoryUse::Readback, out.size());
  const auto submit = [&](std::size_t k) {
    auto [begin, n] = pieces.range(k);
    Piece& piece = pieces.ready(k);
    Phases phases;
    phases.readback = [&](Recording& r) {
      r.barrier(Hazard::Any);
      const VkBufferCopy region{begin, 0, n};
      r.copy(src, *piece.staging, std::span(&region, 1));
    };
    piece.submission->submit(phases);
  };
  try {
    submit(0);
    for (std::size_t k = 0; k < pieces.count(); ++k) {
      if (k + 1 < pieces.count()) submit(k + 1);  // moves while piece k is copied out
      auto [begin, n] = pieces.range(k);
      Piece& piece = pieces.ready(k);
      piece.staging->invalidate(0, n);
      cpu::parallel_copy(out.data() + begin, piece.staging->mapped(), n);
    }
    pieces.finish();
  } catch (...) {
    pieces.abandon();
    throw;
  }
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
