// Streams chunks of work through a ring of slots: while the device runs chunk k, the host stages
// chunk k+1 and collects chunk k-2 (with a transfer queue, chunk k+1 uploads and chunk k-1 reads
// back on it meanwhile). One job splits into chunks of at most chunk_elems; a pipelined batch
// feeds the chunks of many jobs through the same ring. Sizes and offsets are 64-bit throughout.
#pragma once

#include <cstddef>
#include <span>
#include <vector>

#include "vulkan/bucket_cache.hpp"

namespace gpuexec::vk {

// Appends the chunks of `job` (its n elements), each at most `capacity` elements.
void split_into_chunks(const ChunkWork& job, std::size_t capacity, std::vector<ChunkWork>& chunks);

class ChunkStreamer {
 public:
  static constexpr std::size_t kSlotsInFlight = 3;

  ChunkStreamer(BucketCache& buckets, std::size_t chunk_elems)
      : buckets_(buckets), chunk_elems_(chunk_elems) {}

  // One job; its out may alias an input. Returns the chunks run.
  std::size_t run(const ChunkWork& job, DataPath path);
  // Chunks that all fit slots of this path and capacity (elements), in order. `job_elems` feeds
  // the bucket statistics.
  void run(std::span<const ChunkWork> chunks, DataPath path, std::size_t capacity,
           std::size_t job_elems);

  std::size_t chunk_elems() const { return chunk_elems_; }

 private:
  BucketCache& buckets_;
  std::size_t chunk_elems_;
};

}  // namespace gpuexec::vk
