// The number-theoretic transform over Fr on a Vulkan device (gpuexec/ntt.hpp's semantics), in
// place on device-resident vectors. All passes of a call go into one submission.
//
// A vector that fits one binding (n * 32 bytes <= maxStorageBufferRange) is transformed by
// radix-2^t Stockham passes (t <= 10, shaders/ntt_stockham.comp), ping-ponging with a scratch
// vector (the last pass in place when that ends the transform back in the vector); each pass does t
// butterfly levels in shared memory, the coset multiplies the first pass's loads and the inverse's
// n^-1 s^-j the last pass's stores. A longer vector is split into H = 2^h ranges of G = 2^g
// elements (four-step, n = H * G): h radix-2 levels across ranges (ntt_cross, coset on the first),
// one Stockham transform per range with the four-step twiddle w^(i1 j2) on its first loads, and a
// transposition (ntt_scatter, the inverse's scale on its stores), each dispatch binding at most two
// ranges.
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

// Limits below the device's, so that tests reach every path with small vectors: bindings of at
// most max_binding_bytes (0: the device's limit) and Stockham workgroups of 2^log_cap elements
// (9 or 10; 0: 10 where the device has 32 KiB of shared memory, else 9), each invocation
// loading per_invocation of them (2 or 4; 0: the device's rule); shuffle 1 / 0: the Stockham
// pass with subgroup shuffles (where it fits) or through workgroup memory (-1: the settings'),
// the shuffles spanning 2^shuffle_span lanes (0: the subgroup's size; at most that).
struct NttLimits {
  VkDeviceSize max_binding_bytes = 0;
  unsigned log_cap = 0;
  unsigned per_invocation = 0;
  int shuffle = -1;
  unsigned shuffle_span = 0;
};

// Whether the Stockham pass with subgroup shuffles (shaders/ntt_shuffle.comp) runs on the device
// in workgroups of `threads`: subgroups with shuffles, of one fixed size that divides them.
bool ntt_shuffle_fits(const DeviceInfo& info, uint32_t threads);
void run_ntt(Device& device, const Buffer& data, std::size_t log_n, std::size_t batch,
             const NttOptions& options, const NttLimits& limits);

}  // namespace gpuexec::vk
