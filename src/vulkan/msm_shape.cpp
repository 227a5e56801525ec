// How an MSM is cut: window widths, ranges of points, precomputed copies (vulkan/msm.hpp).
#include "vulkan/msm.hpp"

#include <algorithm>
#include <cmath>

#include "cpu/msm.hpp"
#include "gpuexec/error.hpp"

namespace gpuexec::vk {

namespace {

// Windows of up to 19 bits: 14 windows of 2^18 buckets are the most slots one scan workgroup
// of block totals covers (kMsmMaxSlots).
constexpr unsigned kMaxWindowBits = 19;
// A bucket's reduction against a point's accumulation, in time: the H100 at 2^20 points (run
// 22) took 16.0 ms to accumulate 17.8M entries and 2.4 ms to reduce 557K buckets.
constexpr double kGpuReduceWeight = 4.8;
constexpr VkDeviceSize kXyzzBytes = sizeof(G1Xyzz);

// The buckets of every window in one binding (17 windows of 2^15 at c = 16: 107 MB), their
// counts in one scan.
bool window_bits_fit(const DeviceInfo& device, unsigned c) {
  const std::size_t slots = std::size_t{msm_window_count(c)} << (c - 1);
  return slots <= device.limits.maxStorageBufferRange / kXyzzBytes && slots <= kMsmMaxSlots;
}

// Pippenger's cost on a GPU: per window n accumulations and the buckets' reduction.
double gpu_cost(std::size_t n, unsigned c) {
  return msm_window_count(c) * (static_cast<double>(n) + kGpuReduceWeight * std::ldexp(1.0, c - 1));
}

}  // namespace

unsigned msm_device_window_bits(const DeviceInfo& device, std::size_t n) {
  // The CPU's cost model, at most 16 bits (on the H100 at 2^20: 16); a GPU's wider windows where
  // they cost less there (2^24 points: 19 bits, 14 windows instead of 17).
  unsigned c = std::clamp(cpu::msm_window_bits(n), 1u, 16u);
  while (c > 1 && !window_bits_fit(device, c)) --c;
  if (device.type == VK_PHYSICAL_DEVICE_TYPE_CPU) return c;
  for (unsigned wide = c + 1; wide <= kMaxWindowBits; ++wide) {
    if (window_bits_fit(device, wide) && gpu_cost(n, wide) < gpu_cost(n, c)) c = wide;
  }
  return c;
}

std::size_t msm_range_points(const DeviceInfo& device, std::size_t n, unsigned blocks) {
  const VkDeviceSize max = device.limits.maxStorageBufferRange;
  const VkDeviceSize align =
      std::max<VkDeviceSize>(device.limits.minStorageBufferOffsetAlignment, 4);
  std::size_t points = std::min(
      {max / (sizeof(G1Affine) * blocks), (max - align) / sizeof(Scalar), std::size_t{1} << 30});
  // The sorted indices, digit windows * 4 bytes a point, bound it too; their count follows the
  // window width, which follows the range: twice round settles it.
  for (int round = 0; round < 2; ++round) {
    const unsigned c = msm_device_window_bits(device, std::min(n, points) * blocks);
    points = std::min<std::size_t>(points, max / (4 * VkDeviceSize{msm_window_count(c)}));
  }
  // Ranges start at multiples of 256 points: 256 * 96 and 256 * 32 bytes are offsets aligned for
  // any minStorageBufferOffsetAlignment up to 8 KiB.
  if (points >= 256) points -= points % 256;
  return std::min(points, std::max<std::size_t>(n, 1));
}

MsmShape msm_precomputed_shape(const DeviceInfo& device, std::size_t n, unsigned blocks) {
  if (blocks == 0) throw Error(ErrorCode::InvalidArgument, "msm: 0 copies of the bases");
  MsmShape shape;
  shape.c =
      msm_device_window_bits(device, std::min(n, msm_range_points(device, n, blocks)) * blocks);
  shape.blocks = std::min(blocks, msm_window_count(shape.c));  // at least one window per copy
  return shape;
}

unsigned msm_block_windows(const MsmShape& shape) {
  return (msm_window_count(shape.c) + shape.blocks - 1) / shape.blocks;
}

}  // namespace gpuexec::vk
