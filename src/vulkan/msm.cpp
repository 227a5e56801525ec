#include "vulkan/msm.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <array>
#include <bit>
#include <cstdint>
#include <cstring>
#include <limits>
#include <string>

#include "cpu/copy_pool.hpp"
#include "cpu/msm.hpp"
#include "gpuexec/error.hpp"
#include "vulkan/msm_tree.hpp"
#include "vulkan/pass_profile.hpp"
#include "vulkan/resident_ops.hpp"

namespace gpuexec::vk {

namespace {

constexpr uint32_t kLocalSize = 64;     // every pass but the scan
constexpr uint32_t kScanThreads = 256;  // the scan's workgroups (shared arrays of msm_scan)
constexpr uint32_t kScanBlock = 2048;   // slots a scan workgroup takes (msm_scan's BLOCK)
static_assert(std::size_t{kScanBlock} * kScanBlock == kMsmMaxSlots);
// Reduction segments of 2^l buckets (level 0 of src/vulkan/msm_tree.hpp), their sums by a tree of
// fan-in 2^kFanBits. On a CPU driver: at most kMaxSegments per window, of at least
// kMinSegmentBuckets buckets each, the least work. On a GPU each invocation's chain of additions
// is latency-bound (the H100 at 2^16 points: 5120 invocations of ~50 additions took 6.9 ms, and
// 512 took 34.6 ms), until the lanes are full (at 2^20, 524K invocations of one bucket took 116
// ms, 32K of 16 buckets 8): about kGpuReduceInvocations of the shortest chains.
constexpr uint32_t kMaxSegments = 2048;
constexpr uint32_t kMinSegmentBuckets = 16;
constexpr std::size_t kGpuReduceInvocations = std::size_t{1} << 15;
constexpr unsigned kFanBits = 2;
constexpr VkDeviceSize kXyzzBytes = sizeof(G1Xyzz);

// The push block of shaders/msm_io.glsl.
struct Push {
  uint32_t n = 0, c = 0, windows = 0, buckets = 0, scalar_base = 0, seg_len = 0, segs = 0,
           out_base = 0, piece = 0, digit_windows = 0, blocks = 0, level = 0, fan_bits = kFanBits,
           phase = 0, nodes = 0, below_nodes = 0, at = 0, below_at = 0, fold_above = 0;
};
static_assert(sizeof(Push) == 76);

enum Pass { kCount, kScan, kScatter, kAccumulate, kFold, kReduce, kWindow, kPasses };
constexpr const char* kPassNames[kPasses] = {"msm_count",      "msm_scan", "msm_scatter",
                                             "msm_accumulate", "msm_fold", "msm_reduce",
                                             "msm_window"};

// The limbs of a pass: u64 wherever the device has shaderInt64 (on the H100 at 2^16 points 36 ms
// against u32's 113 ms), u32 where it has not or the settings ask for exactly u32; and the
// accumulation in the settings' family where it has 64-bit sums of 32-bit products (u32w, or
// u28w: NVIDIA's default, whose products of 28-bit limbs each take one multiply-add). On the H100
// at 2^20 it took 20.3 ms in u32w against 34.1 in u64, but the reduction 10.4 against 7.6 and the
// window pass 0.91 against 0.78 (docs/GPU_NOTES.md 12), so those stay u64. Every variant keeps
// one memory layout of points and sums. The element-wise variants' load widths do not apply:
// points are structs.
const char* pass_limbs(const Device& device, Pass pass) {
  const KernelVariant v = device.settings().kernel;
  if (!device.info().shader_int64 || v == KernelVariant::U32) return "u32";
  if (pass == kAccumulate && v == KernelVariant::U32Wide) return "u32w";
  if (pass == kAccumulate && v == KernelVariant::U28Wide) return "u28w";
  return "u64";
}

const Kernel& msm_kernel(Device& device, Pass pass) {
  const std::string name = fmt::format("fp_{}_{}", kPassNames[pass], pass_limbs(device, pass));
  for (const spirv::KernelInfo& k : spirv::kernel_infos()) {
    if (k.name != name) continue;
    KernelShape shape;
    shape.bindings = 8;
    shape.push_bytes = sizeof(Push);
    shape.local_size = pass == kScan ? kScanThreads : kLocalSize;
    return device.kernels().get(spirv::kernel_module(k.id), shape);
  }
  throw Error(ErrorCode::Internal, "no embedded kernel " + name);
}

// A pool buffer given back when it goes out of scope (after the submission was waited for).
struct PoolBuffer {
  PoolBuffer(Device& d, MemoryUse use, VkDeviceSize bytes)
      : device(d), buffer(d.pool().acquire(use, std::max<VkDeviceSize>(bytes, 16))) {}
  ~PoolBuffer() { device.pool().release(std::move(buffer)); }
  PoolBuffer(const PoolBuffer&) = delete;
  PoolBuffer& operator=(const PoolBuffer&) = delete;
  BufferRange range(VkDeviceSize offset, VkDeviceSize bytes) const {
    return {buffer->handle(), offset, std::max<VkDeviceSize>(bytes, 4)};
  }
  BufferRange all() const { return {buffer->handle(), 0, buffer->size()}; }
  Device& device;
  std::unique_ptr<Buffer> buffer;
};

void check_binding(const DeviceInfo& info, VkDeviceSize bytes, const char* what) {
  if (bytes > info.limits.maxStorageBufferRange) {
    throw Error(ErrorCode::InvalidArgument,
                fmt::format("msm: {} need {} bytes, above the device's maxStorageBufferRange {}",
                            what, bytes, info.limits.maxStorageBufferRange));
  }
}

// sum_w [2^(c w)] windows[w], the windows combined by Horner's rule.
// Its windows x c doublings lie on the call's path: in the CPU's fastest arithmetic.
G1Jacobian combine(std::span<const G1Xyzz> windows, unsigned c) {
  const cpu::XyzzOps& g = cpu::fast_xyzz();
  G1Xyzz acc = windows.back();
  for (std::size_t w = windows.size() - 1; w-- > 0;) {
    for (unsigned k = 0; k < c; ++k) acc = g.dbl(acc);
    acc = g.add(acc, windows[w]);
  }
  return g1::to_jacobian(acc);
}

// Buckets per reduction segment: a power of two (the tree's U_b are the bits of segment indices).
uint32_t segment_buckets(const Device& device, const MsmShape& shape, unsigned windows,
                         uint32_t buckets) {
  std::size_t len =
      shape.segment_buckets ? shape.segment_buckets : device.settings().msm_segment_buckets;
  if (!len && device.info().type == VK_PHYSICAL_DEVICE_TYPE_CPU) {
    len = std::max(kMinSegmentBuckets, (buckets + kMaxSegments - 1) / kMaxSegments);
  }
  if (!len)
    len = (std::size_t{windows} * buckets + kGpuReduceInvocations - 1) / kGpuReduceInvocations;
  return static_cast<uint32_t>(std::bit_floor(std::clamp<std::size_t>(len, 1, buckets)));
}

}  // namespace

std::unique_ptr<Buffer> upload_points(Device& device, std::span<const G1Affine> points) {
  auto buffer = device.pool().acquire(MemoryUse::DeviceLocal,
                                      std::max<VkDeviceSize>(points.size_bytes(), 16));
  if (!points.empty()) write_resident(device, *buffer, std::as_bytes(points));
  return buffer;
}

void run_msm(Device& device, const Buffer& points, std::size_t n, std::span<const Scalar> scalars,
             std::size_t batch, std::span<G1Jacobian> out, const MsmShape& shape,
             std::size_t max_range_points) {
  if (out.size() != batch || scalars.size() != batch * n) {
    throw Error(ErrorCode::InvalidArgument,
                fmt::format("msm: {} scalars and {} outputs for a batch of {} over {} points",
                            scalars.size(), out.size(), batch, n));
  }
  const DeviceInfo& info = device.info();
  const unsigned blocks = std::max(shape.blocks, 1u);
  if (points.size() < n * blocks * sizeof(G1Affine)) {
    throw Error(ErrorCode::InvalidArgument, "msm: the point buffer holds fewer than n points");
  }
  if (n == 0 || batch == 0) {
    std::fill(out.begin(), out.end(), g1::kInfinity);
    return;
  }
  // Ranges of the points (and their scalars) within one binding each: each its own Pippenger
  // into its own window sums, which the host adds (O(ranges * windows) there).
  std::size_t range = msm_range_points(info, n, blocks);
  if (max_range_points) range = std::min(range, max_range_points);
  const std::size_t ranges = (n + range - 1) / range;
  // Windows of c bits: digit_windows digits per scalar into `windows` windows of buckets (fewer
  // where the bases come with precomputed multiples, one copy per block of windows).
  const unsigned c = shape.c ? shape.c : msm_device_window_bits(info, range);
  const unsigned digit_windows = msm_window_count(c);
  const unsigned windows = msm_block_windows({c, blocks});
  const uint32_t buckets = uint32_t{1} << (c - 1);
  const std::size_t slots = std::size_t{windows} * buckets;
  const uint32_t seg_len = segment_buckets(device, shape, windows, buckets);
  const uint32_t fold_above = shape.fold_above                           ? shape.fold_above
                              : info.type == VK_PHYSICAL_DEVICE_TYPE_CPU ? UINT32_MAX
                                                                         : 3;
  const uint32_t segs = buckets / seg_len;
  const MsmTree tree(windows, segs, kFanBits);
  const uint32_t top = tree.top_quantities();
  const std::size_t entries = std::size_t{digit_windows} * range;  // most sorted of a range
  const VkDeviceSize align = std::max<VkDeviceSize>(info.limits.minStorageBufferOffsetAlignment, 4);
  const VkDeviceSize scalar_bytes = n * sizeof(Scalar);
  check_binding(info, entries * 4, "the sorted indices");
  check_binding(info, slots * kXyzzBytes, "the buckets");
  check_binding(info, tree.stored_points() * kXyzzBytes, "the reduction's sums");
  // Sorted entries per accumulation invocation: twice a bucket's mean (a slot's parts, ~1.5 on
  // average, are what the reduction adds), more where the parts (one per slot, one per
  // invocation) would not fit one binding.
  std::size_t piece = std::max<std::size_t>(16, 2 * ((entries + slots - 1) / slots));
  const auto accumulations = [&] { return (entries + piece - 1) / piece; };
  while ((slots + accumulations()) * kXyzzBytes > info.limits.maxStorageBufferRange) piece *= 2;
  const std::size_t parts = slots + accumulations();

  const Kernel* k[kPasses];
  for (int p = 0; p < kPasses; ++p) k[p] = &msm_kernel(device, static_cast<Pass>(p));

  // GPUEXEC_PROFILE: a timestamp after each pass (the first MSM's; the rest would overflow it),
  // and the host's steps.
  PassProfile profile(device.logical(), fmt::format("msm n={} c={} ranges={}", n, c, ranges), 64);
  const VkDeviceSize all_scalar_bytes = batch * scalar_bytes;
  PoolBuffer scalar_buf(device, MemoryUse::DeviceLocal, all_scalar_bytes);
  // The counts, then the scan's block totals (at most one workgroup of them).
  const std::size_t scan_blocks = (slots + kScanBlock - 1) / kScanBlock;
  if (scan_blocks > kScanBlock) throw Error(ErrorCode::Internal, "msm: too many slots to scan");
  PoolBuffer counts(device, MemoryUse::DeviceLocal, (slots + scan_blocks) * 4);
  PoolBuffer offsets(device, MemoryUse::DeviceLocal, (slots + 1) * 4);
  PoolBuffer sorted(device, MemoryUse::DeviceLocal, entries * 4);
  PoolBuffer part_sums(device, MemoryUse::DeviceLocal, parts * kXyzzBytes);
  const VkDeviceSize seg_bytes = tree.stored_points() * kXyzzBytes;
  PoolBuffer seg_sums(device, MemoryUse::DeviceLocal, seg_bytes);
  const VkDeviceSize window_bytes = batch * ranges * windows * top * kXyzzBytes;
  PoolBuffer window_sums(device, MemoryUse::DeviceLocal, window_bytes);
  PoolBuffer readback(device, MemoryUse::Readback, window_bytes);

  profile.host_mark("buffers");
  // In pieces: the copy engine moves one while the CPU copies the next.
  write_resident(device, *scalar_buf.buffer, std::as_bytes(scalars));
  profile.host_mark("scalars");

  Phases phases;
  phases.compute = [&](Recording& r) {
    profile.start(r);
    for (std::size_t j = 0; j < batch; ++j) {
      for (std::size_t q = 0; q < ranges; ++q) {
        const std::size_t first_point = q * range, count = std::min(range, n - first_point);
        // The scalar binding starts at an aligned offset at or before the range's first scalar.
        const VkDeviceSize first = (j * n + first_point) * sizeof(Scalar),
                           start = first / align * align;
        Push push{static_cast<uint32_t>(count),
                  c,
                  windows,
                  buckets,
                  static_cast<uint32_t>((first - start) / sizeof(Scalar)),
                  seg_len,
                  segs,
                  static_cast<uint32_t>((j * ranges + q) * windows),
                  static_cast<uint32_t>(piece),
                  digit_windows,
                  blocks};
        push.fold_above = fold_above;
        const std::array<BufferRange, 8> bindings = {
            BufferRange{points.handle(), first_point * blocks * sizeof(G1Affine),
                        count * blocks * sizeof(G1Affine)},
            scalar_buf.range(start, first - start + count * sizeof(Scalar)),
            counts.range(0, (slots + scan_blocks) * 4),
            offsets.range(0, (slots + 1) * 4),
            sorted.range(0, std::size_t{digit_windows} * count * 4),
            part_sums.range(0, parts * kXyzzBytes),
            seg_sums.range(0, seg_bytes),
            window_sums.all()};
        const auto bytes = std::as_bytes(std::span(&push, 1));
        const auto run = [&](Pass p, std::size_t invocations) {
          r.dispatch(*k[p], bindings, bytes, dispatch_size(invocations, k[p]->local_size(), info));
          r.barrier(Hazard::KernelToKernel);
          profile.mark(r, kPassNames[p]);
        };
        r.barrier(Hazard::Any);  // the previous range's passes are done with the scratch buffers
        vkCmdFillBuffer(r.handle(), counts.buffer->handle(), 0, slots * 4, 0);
        r.barrier(Hazard::Any);
        run(kCount, count);
        Push scan = push;
        for (scan.phase = 0; scan.phase < 3; ++scan.phase) {
          const std::size_t groups = scan.phase == 1 ? 1 : scan_blocks;
          r.dispatch(*k[kScan], bindings, std::as_bytes(std::span(&scan, 1)),
                     dispatch_size(groups * kScanThreads, kScanThreads, info));
          r.barrier(Hazard::KernelToKernel);
        }
        profile.mark(r, kPassNames[kScan]);
        run(kScatter, count);
        run(kAccumulate, accumulations());
        // Each crowded slot's heads summed by a tree: levels for the most a slot can have (a slot
        // takes at most one entry a point).
        Push fold = push;
        const std::size_t most_heads = count / piece + 1;
        for (fold.level = 0;
             most_heads > fold_above && std::size_t{1} << (kFanBits * fold.level) < most_heads;
             ++fold.level) {
          r.dispatch(*k[kFold], bindings, std::as_bytes(std::span(&fold, 1)),
                     dispatch_size(accumulations(), k[kFold]->local_size(), info));
          r.barrier(Hazard::KernelToKernel);
        }
        profile.mark(r, kPassNames[kFold]);
        run(kReduce, std::size_t{windows} * segs);
        // The reduction tree's levels above the segments, each from the one below.
        Push level = push;
        for (level.level = 1; level.level <= tree.levels(); ++level.level) {
          level.nodes = tree.nodes(level.level);
          level.below_nodes = tree.nodes(level.level - 1);
          level.at = static_cast<uint32_t>(tree.offset(level.level));
          level.below_at = static_cast<uint32_t>(tree.offset(level.level - 1));
          const std::size_t invocations =
              std::size_t{windows} * tree.quantities(level.level) * level.nodes;
          r.dispatch(*k[kWindow], bindings, std::as_bytes(std::span(&level, 1)),
                     dispatch_size(invocations, k[kWindow]->local_size(), info));
          r.barrier(Hazard::KernelToKernel);
        }
        profile.mark(r, kPassNames[kWindow]);
      }
    }
  };
  phases.readback = [&](Recording& r) {
    const VkBufferCopy region{0, 0, window_bytes};
    r.copy(*window_sums.buffer, *readback.buffer, std::span(&region, 1));
  };
  Submission& submission = device.resident_submission();
  try {
    submission.submit(phases);
    profile.host_mark("submit");
    submission.wait();
    profile.host_mark("wait");
  } catch (...) {
    submission.abandon();
    throw;
  }
  readback.buffer->invalidate(0, window_bytes);
  // Per MSM, range and window the tree's top quantities; the ranges' added, each window's sum.
  const std::size_t per_range = std::size_t{windows} * top;
  std::vector<G1Xyzz> sums(batch * ranges * per_range);
  std::memcpy(sums.data(), readback.buffer->mapped(), window_bytes);
  const unsigned seg_bits = std::countr_zero(seg_len);
  // Each (MSM, window) on its own core: ~30 additions and doublings each (at 2^20 all of them
  // took 0.55 ms on one core of the H100's host).
  std::vector<G1Xyzz> window(batch * windows);
  const cpu::XyzzOps& g = cpu::fast_xyzz();
  cpu::CopyPool::compute().run(window.size(), [&](std::size_t i) {
    const std::size_t j = i / windows, w = i % windows;
    G1Xyzz* first = sums.data() + j * ranges * per_range + w * top;
    for (std::size_t q = 1; q < ranges; ++q) {
      const G1Xyzz* other = first + q * per_range;
      for (std::size_t k = 0; k < top; ++k) first[k] = g.add(first[k], other[k]);
    }
    window[i] = window_sum(std::span(first, top), seg_bits);
  });
  for (std::size_t j = 0; j < batch; ++j) {
    out[j] = combine(std::span(window).subspan(j * windows, windows), c);
  }
  profile.host_mark("sums");
  profile.report();
}

}  // namespace gpuexec::vk
