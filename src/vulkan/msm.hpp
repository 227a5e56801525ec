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
//   reduce      one invocation per (window, segment of buckets): running sums over the buckets
//               (each the sum of its pieces)
//               (at most 256 segments of 2^(c-1) / 256 buckets per window)
//   window      one invocation per window: its segments combined (running sums again)
// The host reads the window sums back and combines them (Horner: c doublings and an add per
// window, O(windows)).
#pragma once

#include <cstddef>
#include <memory>
#include <span>

#include "gpuexec/g1.hpp"
#include "vulkan/device.hpp"

namespace gpuexec::vk {

// The window width run_msm uses for n points (1..16).
unsigned msm_device_window_bits(std::size_t n);

// The points of one range of an MSM over n points: run_msm splits longer MSMs into ranges whose
// points, scalars and sorted indices each fit one binding (maxStorageBufferRange; lavapipe's
// 128 MiB holds 1,398,016 points, NVIDIA's 4 GiB 44.7 million), each range its own Pippenger
// into its own window sums, which the host adds. A multiple of 256, or n itself where smaller.
std::size_t msm_range_points(const DeviceInfo& device, std::size_t n);

// A device-local buffer holding points (Montgomery affine, blst_p1_affine layout, 96 bytes
// each), for run_msm; from the device's pool (give it back with device.pool().release). The
// caller holds device.lock().
std::unique_ptr<Buffer> upload_points(Device& device, std::span<const G1Affine> points);

// out[j] = sum_i [scalars[j * n + i]] points[i] for j < batch, with n points at the start of
// `points` (G1Affine, infinity allowed, any repetition) and batch * n host scalars (any 256-bit
// values). out.size() must be batch. Throws InvalidArgument on mismatched sizes; a device
// allocation that fails is OutOfMemory. max_range_points, when not 0, makes the ranges shorter
// (the tests split small MSMs so). The caller holds device.lock().
void run_msm(Device& device, const Buffer& points, std::size_t n, std::span<const Scalar> scalars,
             std::size_t batch, std::span<G1Jacobian> out, std::size_t max_range_points = 0);

}  // namespace gpuexec::vk
