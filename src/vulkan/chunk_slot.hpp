// One buffer set for one chunk in flight: inputs as A||B in one buffer (bound at two offsets),
// the output C, a descriptor set bound to them, and a command buffer with its fence. The chunk
// streamer keeps two in ping-pong; the bucket cache keeps idle ones by capacity for reuse.
#pragma once

#include <cstddef>
#include <memory>
#include <utility>

#include "gpuexec/data_path.hpp"
#include "gpuexec/fp.hpp"
#include "vulkan/buffer_pool.hpp"
#include "vulkan/command_context.hpp"
#include "vulkan/kernel_layout.hpp"
#include "vulkan/kernel_pipeline.hpp"
#include "vulkan/queue_timelines.hpp"

namespace gpuexec::vk {

class ChunkSlot {
 public:
  virtual ~ChunkSlot();
  ChunkSlot(const ChunkSlot&) = delete;
  ChunkSlot& operator=(const ChunkSlot&) = delete;

  virtual DataPath path() const = 0;
  std::size_t capacity() const { return capacity_; }

  // Copies n <= capacity input elements in, records and submits the chunk; returns at once.
  virtual void submit(const KernelPipeline& kernel, const Fp* a, const Fp* b, std::size_t n);
  // Waits for the submitted chunk and copies its n results to out.
  virtual void finish(Fp* out);
  bool busy() const { return in_flight_ != 0; }
  // Waits for any submitted work and forgets its result (error paths).
  void abandon() noexcept;

  // Bytes of A (or B, or C) in a full slot, and where B starts in the A||B buffer.
  VkDeviceSize vector_bytes() const { return capacity_ * sizeof(Fp); }
  VkDeviceSize b_offset() const { return b_offset_; }

 protected:
  ChunkSlot(const DeviceContext& ctx, BufferPool& pool, const KernelLayout& layout,
            std::size_t capacity);
  // Acquires a buffer from the pool, returned to it when the slot goes.
  Buffer& take(MemoryUse use, VkDeviceSize bytes);
  // Points the descriptor set at A||B (two ranges) and C.
  void bind(const Buffer& ab, const Buffer& c);
  void record_dispatch(VkCommandBuffer cmd, const KernelPipeline& kernel, std::size_t n) const;
  // Checks n against the capacity and marks n elements in flight; returns the previous count.
  void start(std::size_t n);
  std::size_t stop() { return std::exchange(in_flight_, 0); }

  virtual void stage(const Fp* a, const Fp* b, std::size_t n) = 0;
  virtual void record(VkCommandBuffer cmd, const KernelPipeline& kernel, std::size_t n) = 0;
  virtual void collect(Fp* out, std::size_t n) = 0;

  const DeviceContext& ctx_;
  const KernelLayout& layout_;

 private:
  BufferPool& pool_;
  std::size_t capacity_;
  VkDeviceSize b_offset_;
  std::vector<std::unique_ptr<Buffer>> buffers_;
  VkDescriptorPool descriptor_pool_ = VK_NULL_HANDLE;
  VkDescriptorSet set_ = VK_NULL_HANDLE;
  CommandContext commands_;
  std::size_t in_flight_ = 0;

 protected:
  CommandContext& commands() { return commands_; }
};

// A slot of the given path and capacity, its buffers taken from pool.
// timelines: where the staging path's copies go to a transfer queue (nullptr: one queue).
std::unique_ptr<ChunkSlot> make_chunk_slot(DataPath path, const DeviceContext& ctx,
                                           BufferPool& pool, const KernelLayout& layout,
                                           std::size_t capacity, QueueTimelines* timelines);

}  // namespace gpuexec::vk
