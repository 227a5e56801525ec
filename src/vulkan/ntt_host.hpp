// The NTT on host arrays: the data goes up into a pooled device buffer, is transformed there by
// run_ntt and comes back, in one call. The caller holds the device's lock.
#pragma once

#include <span>

#include "gpuexec/ntt.hpp"
#include "vulkan/device.hpp"

namespace gpuexec::vk {

void ntt_host_data(Device& device, std::span<Fr> data, unsigned log_n, const NttOptions& options);

}  // namespace gpuexec::vk
