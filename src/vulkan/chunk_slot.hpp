// One buffer set for one chunk in flight, on either data path:
// - host-visible: the kernel reads the inputs where the host wrote them (mapped memory) and
//   writes the results into cached host-visible memory the host reads;
// - staging (device-local): the inputs go through an upload buffer into device-local memory,
//   the kernel runs there, and the results come back through a readback buffer.
// All inputs sit in one buffer (A||B, A||B||C) bound at one offset each. The chunk streamer
// keeps a ring of slots; the bucket cache keeps idle ones by size for reuse.
#pragma once

#include <array>
#include <cstddef>
#include <memory>

#include "gpuexec/data_path.hpp"
#include "vulkan/buffer_pool.hpp"
#include "vulkan/kernel.hpp"
#include "vulkan/submit_queues.hpp"

namespace gpuexec::vk {

inline constexpr uint32_t kMaxChunkInputs = 3;

// One chunk: out[i] = kernel(inputs[0][i], ..., inputs[k-1][i]) for i < n, elements of
// element_bytes each (k is the kernel's binding count - 1).
struct ChunkWork {
  const Kernel* kernel = nullptr;
  std::array<const std::byte*, kMaxChunkInputs> inputs{};
  std::byte* out = nullptr;
  std::size_t n = 0;
  std::size_t element_bytes = 0;
  // The same arrays as device-visible host buffers (imported or pinned), when they are: the
  // device-local path then copies straight from and to them, with no host copies.
  std::array<BufferRange, kMaxChunkInputs> host_in{};
  BufferRange host_out{};
  uint32_t input_count() const { return kernel->shape().bindings - 1; }
  bool external() const { return host_out.buffer != VK_NULL_HANDLE; }
};

class ChunkSlot {
 public:
  ChunkSlot(const LogicalDevice& device, BufferPool& pool, const SubmitQueues& queues,
            DataPath path, VkDeviceSize vector_bytes, uint32_t inputs);
  ~ChunkSlot();
  ChunkSlot(const ChunkSlot&) = delete;
  ChunkSlot& operator=(const ChunkSlot&) = delete;

  DataPath path() const { return path_; }
  VkDeviceSize vector_bytes() const { return vector_bytes_; }
  uint32_t inputs() const { return inputs_; }

  // Copies the chunk's inputs in (an external chunk: records copies from its buffers), records
  // and submits it; returns at once.
  void submit(const ChunkWork& work);
  // Waits for the submitted chunk and copies its results to its `out`.
  void finish();
  bool busy() const { return in_flight_.n != 0; }
  // Waits for any submitted work and forgets its result (error paths).
  void abandon() noexcept;

 private:
  Buffer& take(MemoryUse use, VkDeviceSize bytes);
  VkDeviceSize input_offset(uint32_t i) const { return i * input_stride_; }

  BufferPool& pool_;
  DataPath path_;
  VkDeviceSize vector_bytes_, input_stride_;
  uint32_t inputs_;
  std::vector<std::unique_ptr<Buffer>> buffers_;
  Buffer* host_in_ = nullptr;   // mapped: the host writes the inputs here
  Buffer* dev_in_ = nullptr;    // what the kernel reads (host_in_ on the host-visible path)
  Buffer* dev_out_ = nullptr;   // what the kernel writes (host_out_ on the host-visible path)
  Buffer* host_out_ = nullptr;  // mapped, cached: the host reads the results here
  std::unique_ptr<Submission> submission_;
  ChunkWork in_flight_;
};

}  // namespace gpuexec::vk
