// G1 multi-scalar multiplication on a Vulkan device: Pippenger's bucket method in one submission
// per call (every MSM of a batch recorded into it), over points already resident on the device.
//
// Passes per MSM (shaders/msm_*.comp, bindings and push block of shaders/msm_io.glsl):
//   count       signed-digit windows of the scalars on the device (c bits, digits in
//               [-2^(c-1), 2^(c-1)] with a carry between windows), points per (window, bucket)
//   scan        exclusive prefix sums of the counts (one workgroup), the counts become cursors
//   scatter     point indices (the digit's sign in bit 31) into their buckets' ranges
//   accumulate  one invocation per piece of a bucket (at most ~2x a bucket's mean points, so a
//               crowded bucket is spread over invocations): summed in XYZZ, mixed additions
//   fold        the parts of a crowded bucket (one per invocation that starts inside it) summed
//               by a tree of fan-in 4, a dispatch a level: at most two parts a bucket remain
//   reduce      one invocation per (window, segment of buckets lo..hi-1): running sums over the
//               buckets (each the sum of its parts) plus [lo] times their sum, the segment's
//               share of the window sum (at most 2048 segments of at least 16 buckets a window)
//   window      a tree over each window's segment sums, fan-in 4 (a dispatch a level)
// The host reads the window sums back and combines them (Horner: c doublings and an add per
// window, O(windows)).
#pragma once

#include <cstddef>
#include <memory>
#include <span>

#include "gpuexec/g1.hpp"
#include "vulkan/device.hpp"

namespace gpuexec::vk {

// Signed-digit windows of c bits for 256-bit scalars, room for the last carry: windows * c > 256.
inline unsigned msm_window_count(unsigned c) {
  return 256 / c + 1;
}
// The most slots (windows x buckets) one range may have: one scan workgroup of block totals.
inline constexpr std::size_t kMsmMaxSlots = std::size_t{2048} * 2048;

// The window width run_msm uses for n points on this device: Pippenger's best for n (the CPU's
// cost model; on a GPU up to 19 bits where its cost model gains) and small enough for every
// window's buckets to fit one binding.
unsigned msm_device_window_bits(const DeviceInfo& device, std::size_t n);

// How an MSM is cut into windows: c bits each (0: chosen from the points of a range), and the
// copies of each base the points buffer holds (precomputed multiples): with blocks > 1 the
// buffer holds [2^(k * c * msm_block_windows(shape))] P_i at i * blocks + k, k < blocks, and
// each copy takes its own block of the scalars' windows: fewer windows of buckets to sum.
struct MsmShape {
  unsigned c = 0;
  unsigned blocks = 1;
  uint32_t segment_buckets = 0;  // buckets per reduction invocation, rounded down to 2^k; 0: auto
  // A bucket's parts beyond 1 + this many are summed by the fold pass, the rest by the reduction
  // (0: auto, 3 on GPUs; never on CPU drivers, which run a dispatch's masked-off lanes: folding
  // took lavapipe 220 ms at 2^14 points).
  uint32_t fold_above = 0;
};

// The shape for bases of n points with `blocks` copies each on this device (blocks at most the
// windows; a window width for n * blocks points, which fits that many fewer windows).
MsmShape msm_precomputed_shape(const DeviceInfo& device, std::size_t n, unsigned blocks);
// Windows of buckets per copy: ceil(digit windows / blocks).
unsigned msm_block_windows(const MsmShape& shape);

// The bases of one range of an MSM over n: run_msm splits longer MSMs into ranges whose points
// (blocks copies each), scalars and sorted indices each fit one binding (maxStorageBufferRange;
// lavapipe's 128 MiB holds 1,398,016 points, NVIDIA's 4 GiB 44.7 million), each range its own
// Pippenger into its own window sums, which the host adds. A multiple of 256, or n where smaller.
std::size_t msm_range_points(const DeviceInfo& device, std::size_t n, unsigned blocks = 1);

// A device-local buffer holding points (Montgomery affine, blst_p1_affine layout, 96 bytes
// each), for run_msm; from the device's pool (give it back with device.pool().release). The
// caller holds device.lock().
std::unique_ptr<Buffer> upload_points(Device& device, std::span<const G1Affine> points);

// out[j] = sum_i [scalars[j * n + i]] points[i] for j < batch, with n bases at the start of
// `points` (G1Affine, infinity allowed, any repetition; shape.blocks copies each, as above) and
// batch * n host scalars (any 256-bit values). out.size() must be batch. Throws InvalidArgument on
// mismatched sizes; a device allocation that fails is OutOfMemory. max_range_points, when not 0,
// makes the ranges shorter (the tests split small MSMs so). The caller holds device.lock().
void run_msm(Device& device, const Buffer& points, std::size_t n, std::span<const Scalar> scalars,
             std::size_t batch, std::span<G1Jacobian> out, const MsmShape& shape = {},
             std::size_t max_range_points = 0);

}  // namespace gpuexec::vk
