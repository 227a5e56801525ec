// Element-wise jobs on host arrays, streamed in chunks through a ring of slots: while the device
// runs chunk k, the host stages chunk k+1 and collects chunk k-2 (with a transfer queue, chunk
// k+1 uploads and chunk k-1 reads back on it meanwhile). One job splits into chunks of at most
// chunk_elems; a pipelined batch is grouped by (path, bucket, op) and every group's chunks feed
// the same ring. Sizes and offsets are 64-bit throughout.
#pragma once

#include <cstddef>
#include <span>
#include <vector>

#include "backend/field_job.hpp"
#include "vulkan/device.hpp"

namespace gpuexec::vk {

inline constexpr std::size_t kSlotsInFlight = 3;

// out[i] = op(a[i], b[i][, c[i]]), sizes checked by the executor; out may alias an input.
// Takes the device's lock.
void stream_job(Device& device, const FieldJob& job);
// The same on the file encoding, through the big-endian kernels (which mark rejected elements).
void stream_encoded(Device& device, const EncodedJob& job);
// Jobs checked by the executor (independent when pipelined). Takes the device's lock.
void stream_batch(Device& device, std::span<const FieldJob> jobs, Schedule schedule);

// Appends the chunks of `job` (its n elements), each at most `capacity` elements.
void split_into_chunks(const ChunkWork& job, std::size_t capacity, std::vector<ChunkWork>& chunks);

}  // namespace gpuexec::vk
