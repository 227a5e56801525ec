// Runs a job of any size as chunks of at most chunk_elems, double-buffered over two slots: while
// the device works on chunk k, the host stages chunk k+1 and collects chunk k-1. Sizes and
// offsets are 64-bit throughout.
#pragma once

#include <cstddef>

#include "vulkan/bucket_cache.hpp"
#include "vulkan/kernel_pipeline.hpp"

namespace gpuexec::vk {

class ChunkStreamer {
 public:
  ChunkStreamer(BucketCache& buckets, std::size_t chunk_elems)
      : buckets_(buckets), chunk_elems_(chunk_elems) {}

  // out[i] = kernel(a[i], b[i]) for i < n; out may alias a or b. Returns the chunks run.
  std::size_t run(const KernelPipeline& kernel, DataPath path, const Fp* a, const Fp* b, Fp* out,
                  std::size_t n);

 private:
  BucketCache& buckets_;
  std::size_t chunk_elems_;
};

}  // namespace gpuexec::vk
