// Element-wise jobs on host arrays: each job's chunks streamed through the device's chunk
// slots; a pipelined batch grouped by (path, bucket, op), every group through one ring.
#pragma once

#include <span>

#include "gpuexec/job.hpp"
#include "vulkan/device.hpp"

namespace gpuexec::vk {

// out[i] = op(a[i], b[i][, c[i]]); sizes checked by the executor.
void run_vector_job(Device& device, const Job& job);
// Jobs checked by the executor (independent when pipelined).
void run_vector_batch(Device& device, std::span<const Job> jobs, Schedule schedule);

}  // namespace gpuexec::vk
