// The number-theoretic transform over Fr on a Vulkan device (gpuexec/ntt.hpp's semantics), in
// place on device-resident vectors. All passes of a call go into one submission.
//
// A vector that fits one binding (n * 32 bytes <= maxStorageBufferRange) is transformed by
// radix-2^t Stockham passes (t <= 9, shaders/ntt_stockham.comp), ping-ponging with a scratch
// vector; each pass does t butterfly levels in shared memory, the coset multiplies the first
// pass's loads and the inverse's n^-1 s^-j the last pass's stores. A longer vector is split into
// H = 2^h ranges of G = 2^g elements (four-step, n = H * G): h radix-2 levels across ranges
// (ntt_cross, coset on the first), one Stockham transform per range with the four-step twiddle
// w^(i1 j2) on its first loads, and a transposition (ntt_scatter, the inverse's scale on its
// stores), each dispatch binding at most two ranges.
#pragma once

#include <cstddef>

#include "gpuexec/ntt.hpp"
#include "vulkan/device.hpp"

namespace gpuexec::vk {

// data holds batch vectors of 2^log_n Montgomery Fr elements back to back from offset 0 (it may
// be larger). The caller holds device.lock(). Throws gpuexec::Error (InvalidArgument) for
// log_n > 32, a zero coset or a buffer too small.
void run_ntt(Device& device, const Buffer& data, std::size_t log_n, std::size_t batch,
             const NttOptions& options);

// As run_ntt with bindings of at most max_binding_bytes (0: the device's limit), so that tests
// reach the multi-range path with small vectors.
void run_ntt(Device& device, const Buffer& data, std::size_t log_n, std::size_t batch,
             const NttOptions& options, VkDeviceSize max_binding_bytes);

}  // namespace gpuexec::vk
