// The Vulkan G1 MSM (vulkan/msm.hpp) against the CPU Pippenger (cpu::msm, itself checked against
// the naive sum and the GMP curve oracle in g1_msm_test.cpp): sizes 0 .. 5000, random and edge
// scalars, repeated points, P beside -P, infinity among the points, batches sharing points, one
// resident point set reused for several MSMs, MSMs split into ranges, in the u64, u32, u32w and
// u28w variants.
#include <gtest/gtest.h>

#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <map>
#include <memory>
#include <random>
#include <string>
#include <vector>

#include "cpu/msm.hpp"
#include "curve/g1_multiples.hpp"
#include "g1_samples.hpp"
#include "gpuexec/error.hpp"
#include "gpuexec/executor.hpp"
#include "gpuexec/g1.hpp"
#include "gpuexec/gpuexec.h"
#include "spirv/kernel_variants.hpp"
#include "vulkan/msm.hpp"
#include "vulkan/persistent_backend.hpp"
#include "vulkan_fixture.hpp"

namespace gpuexec::test {
namespace {

ExecutorOptions with_variant(KernelVariant v) {
  ExecutorOptions o = vk::on_device(-1);
  o.vulkan.kernel = v;
  return o;
}

Scalar pow2(unsigned k) {
  std::array<uint64_t, 4> l{};
  l[k / 64] = uint64_t{1} << (k % 64);
  return scalar_from_limbs(l);
}

class MsmVulkan : public VulkanTest, public ::testing::WithParamInterface<KernelVariant> {
 protected:
  // One device per variant for the whole suite: lavapipe compiles the passes' pipelines once.
  static vk::Device& shared_device(KernelVariant v) {
    std::unique_ptr<vk::Device>& d = devices_[v];
    if (!d) d = std::make_unique<vk::Device>(with_variant(v), std::filesystem::path{});
    return *d;
  }
  static void TearDownTestSuite() { devices_.clear(); }
  static inline std::map<KernelVariant, std::unique_ptr<vk::Device>> devices_;

  vk::Device& device = shared_device(GetParam());
  std::mt19937_64 rng{7};
  const std::array<uint64_t, 4> r = kFrParams.modulus;

  Scalar random_scalar() {  // uniform below r
    for (;;) {
      std::array<uint64_t, 4> l{rng(), rng(), rng(), rng() >> 1};
      if (fr::is_canonical(l)) return scalar_from_limbs(l);
    }
  }
  // Multiples of G in arithmetic progressions (so bucket sums hit P + P and P + (-P)), affine.
  std::vector<G1Affine> random_points(std::size_t n) {
    std::vector<G1Jacobian> jac(n);
    const G1Jacobian g = g1::to_jacobian(g1::generator());
    G1Jacobian step = g1::mul(g, random_scalar()), acc = g1::mul(g, random_scalar());
    for (auto& p : jac) {
      p = acc;
      acc = g1::add(acc, step);
      if (rng() % 8 == 0) step = g1::dbl(step);
    }
    std::vector<G1Affine> out(n);
    g1::batch_to_affine(jac, out);
    return out;
  }
  std::vector<Scalar> edge_scalars() {
    std::array<uint64_t, 4> r_minus_1 = r;
    r_minus_1[0] -= 1;
    std::vector<Scalar> out = {Scalar{}, pow2(0), pow2(1), scalar_from_limbs(r_minus_1),
                               scalar_from_limbs(r)};
    for (unsigned k : {5u, 15u, 16u, 63u, 64u, 127u, 128u, 200u, 254u, 255u}) {
      out.push_back(pow2(k));
    }
    Scalar all_ones;
    all_ones.bytes.fill(0xff);
    out.push_back(all_ones);
    return out;
  }
  // n points with repeats, opposite pairs and infinity; scalars random with edges mixed in.
  void make_case(std::size_t n, std::vector<G1Affine>& points, std::vector<Scalar>& scalars,
                 std::size_t batch = 1) {
    points = random_points(n);
    scalars.resize(n * batch);
    const auto edges = edge_scalars();
    for (Scalar& s : scalars) s = rng() % 4 == 0 ? edges[rng() % edges.size()] : random_scalar();
    if (n >= 3) {
      points[n - 1] = points[0];
      points[n - 2] = g1::neg(points[1]);
      points[n / 2] = G1Affine{};
      if (n >= 17) scalars[n - 2] = scalars[1];  // [s] P + [s] (-P) = O
    }
  }
  std::vector<G1Jacobian> gpu_msm(const vk::Buffer& points, std::size_t n,
                                  std::span<const Scalar> scalars, std::size_t batch,
                                  std::size_t max_range_points = 0,
                                  const vk::MsmShape& shape = {}) {
    std::vector<G1Jacobian> out(batch);
    auto lock = device.lock();
    vk::run_msm(device, points, n, scalars, batch, out, shape, max_range_points);
    return out;
  }
  std::unique_ptr<vk::Buffer> upload(std::span<const G1Affine> points) {
    auto lock = device.lock();
    return vk::upload_points(device, points);
  }
  // A batch of 2 MSMs over n points (ranges of at most max_range points; 0: the device's) in
  // each shape against the CPU.
  using NamedShape = std::pair<vk::MsmShape, std::string>;
  void expect_shapes(std::size_t n, std::size_t max_range, const std::vector<NamedShape>& shapes) {
    std::vector<G1Affine> points;
    std::vector<Scalar> scalars;
    make_case(n, points, scalars, 2);
    const auto buffer = upload(points);
    for (const auto& [shape, what] : shapes) {
      expect_batch(points, scalars, gpu_msm(*buffer, n, scalars, 2, max_range, shape), what);
    }
  }
  void expect_batch(std::span<const G1Affine> points, std::span<const Scalar> scalars,
                    std::span<const G1Jacobian> got, const std::string& what) {
    const std::size_t n = points.size();
    for (std::size_t j = 0; j < got.size(); ++j) {
      G1Jacobian want;
      cpu::msm(points, scalars.subspan(j * n, n), want);
      EXPECT_TRUE(g1::is_on_curve(got[j])) << what << " msm " << j;
      EXPECT_TRUE(g1::equal(got[j], want)) << what << " msm " << j;
    }
  }

 public:
  // The checks, run by one test per variant: each ctest process builds the passes' pipelines,
  // which lavapipe compiles for many seconds.
  void matches_cpu_across_sizes();
  void edge_scalars_alone_and_together();
  void degenerate_inputs();
  void batch_and_resident_points_reused();
  void ranges_beyond_one_binding();
  void precomputed_copies();
  void reduction_segments();
  void folded_buckets();
};

void MsmVulkan::matches_cpu_across_sizes() {
  for (std::size_t n : {0, 1, 2, 3, 17, 100, 1000, 5000}) {
    std::vector<G1Affine> points;
    std::vector<Scalar> scalars;
    make_case(n, points, scalars);
    const auto buffer = upload(points);
    expect_batch(points, scalars, gpu_msm(*buffer, n, scalars, 1), "n = " + std::to_string(n));
  }
}

void MsmVulkan::edge_scalars_alone_and_together() {
  const auto edges = edge_scalars();
  const auto points = random_points(edges.size());
  const auto buffer = upload(points);
  expect_batch(points, edges, gpu_msm(*buffer, points.size(), edges, 1), "edges");
  // One point per MSM: a batch of single-point MSMs over the first point.
  std::vector<G1Jacobian> got = gpu_msm(*buffer, 1, edges, edges.size());
  for (std::size_t j = 0; j < edges.size(); ++j) {
    EXPECT_TRUE(g1::equal(got[j], g1::mul(points[0], edges[j]))) << "edge " << j;
  }
}

void MsmVulkan::degenerate_inputs() {
  const std::size_t n = 40;
  const auto points = random_points(n);
  std::vector<Scalar> scalars(n);
  for (auto& s : scalars) s = random_scalar();
  // Every scalar zero; every point at infinity; one point n times; pairs that cancel.
  std::vector<Scalar> zeros(n);
  const auto buffer = upload(points);
  EXPECT_TRUE(g1::is_infinity(gpu_msm(*buffer, n, zeros, 1)[0]));
  const std::vector<G1Affine> infinities(n);
  EXPECT_TRUE(g1::is_infinity(gpu_msm(*upload(infinities), n, scalars, 1)[0]));
  const std::vector<G1Affine> same(n, points[3]);
  expect_batch(same, scalars, gpu_msm(*upload(same), n, scalars, 1), "same point");
  std::vector<Scalar> equal_scalars(n, scalars[0]);  // every point in one bucket per window
  expect_batch(points, equal_scalars, gpu_msm(*buffer, n, equal_scalars, 1), "one bucket");
  // 700 points over three scalars: crowded buckets, each summed in several pieces.
  const auto many = random_points(700);
  std::vector<Scalar> few(many.size());
  for (std::size_t i = 0; i < few.size(); ++i) few[i] = scalars[i % 3];
  expect_batch(many, few, gpu_msm(*upload(many), many.size(), few, 1), "three scalars");
  std::vector<G1Affine> pairs(n);
  for (std::size_t i = 0; i < n; ++i) {
    pairs[i] = i % 2 ? g1::neg(points[i - 1]) : points[i];
    if (i % 2) scalars[i] = scalars[i - 1];
  }
  EXPECT_TRUE(g1::is_infinity(gpu_msm(*upload(pairs), n, scalars, 1)[0]));
  std::vector<G1Jacobian> out(2);
  auto lock = device.lock();
  EXPECT_THROW(vk::run_msm(device, *buffer, n, scalars, 2, out), Error);  // n * 2 scalars wanted
  EXPECT_THROW(vk::run_msm(device, *buffer, n + 1, std::vector<Scalar>(2 * (n + 1)), 2, out),
               Error);  // the buffer holds n points
}

void MsmVulkan::batch_and_resident_points_reused() {
  const std::size_t n = 300, batch = 3;
  std::vector<G1Affine> points;
  std::vector<Scalar> scalars;
  make_case(n, points, scalars, batch);
  const auto buffer = upload(points);  // the SRS: uploaded once
  expect_batch(points, scalars, gpu_msm(*buffer, n, scalars, batch), "batch");
  for (int round = 0; round < 3; ++round) {
    std::vector<Scalar> more(n);
    for (auto& s : more) s = random_scalar();
    expect_batch(points, more, gpu_msm(*buffer, n, more, 1), "round " + std::to_string(round));
  }
  // A prefix of the resident points is an MSM of its own.
  expect_batch(std::span<const G1Affine>(points).first(50), std::span(scalars).first(50),
               gpu_msm(*buffer, 50, std::span(scalars).first(50), 1), "prefix");
}

// Ranges forced short (the device's own hold 1.4 million points on lavapipe): each range its own
// Pippenger, the window sums added on the host; the last range shorter, batches over ranges.
void MsmVulkan::ranges_beyond_one_binding() {
  for (const auto& [n, range, batch] :
       {std::tuple{1000u, 256u, 2u}, {512u, 256u, 1u}, {257u, 256u, 3u}}) {
    std::vector<G1Affine> points;
    std::vector<Scalar> scalars;
    make_case(n, points, scalars, batch);
    const auto buffer = upload(points);
    expect_batch(points, scalars, gpu_msm(*buffer, n, scalars, batch, range),
                 "n = " + std::to_string(n) + " in ranges of " + std::to_string(range));
  }
  const auto& info = device.info();
  const std::size_t big = vk::msm_range_points(info, std::size_t{1} << 26);
  EXPECT_EQ(big % 256, 0u);
  EXPECT_LE(big * sizeof(G1Affine), info.limits.maxStorageBufferRange);
  EXPECT_EQ(vk::msm_range_points(info, 1000), 1000u);
}

// Bases with precomputed copies: fewer windows of buckets, each copy a block of the digits; with
// ranges, with more copies asked than there are windows, and the edge scalars.
void MsmVulkan::precomputed_copies() {
  for (const auto& [n, blocks, range] :
       {std::tuple{300u, 2u, 0u}, {700u, 3u, 256u}, {40u, 40u, 0u}, {17u, 5u, 0u}}) {
    std::vector<G1Affine> points;
    std::vector<Scalar> scalars;
    make_case(n, points, scalars, 2);
    if (n == 17) {  // every edge scalar (16 of them) in the first MSM
      const auto edges = edge_scalars();
      std::copy(edges.begin(), edges.end(), scalars.begin());
    }
    const vk::MsmShape shape = vk::msm_precomputed_shape(device.info(), n, blocks);
    EXPECT_LE(shape.blocks, blocks);
    const auto copies =
        g1::base_multiples(points, shape.blocks, shape.c * vk::msm_block_windows(shape));
    const auto buffer = upload(copies);
    expect_batch(points, scalars, gpu_msm(*buffer, n, scalars, 2, range, shape),
                 "n = " + std::to_string(n) + " with " + std::to_string(shape.blocks) +
                     " copies of c = " + std::to_string(shape.c));
  }
}

// Reduction segments of every length (the device's rule gives GPUs short ones, CPU drivers 16
// buckets or more): 1 (the deepest tree), 2 (a tree whose levels are not full), 5 (taken as 4)
// and a whole window in one (a tree of one level).
void MsmVulkan::reduction_segments() {
  std::vector<NamedShape> shapes;
  for (const uint32_t len : {1u, 2u, 5u, 1u << 20}) {
    shapes.push_back({{.segment_buckets = len}, "segments of " + std::to_string(len) + " buckets"});
  }
  expect_shapes(600, 0, shapes);
}

// The fold pass (a GPU's default, 3; CPU drivers skip it) summing the parts of every bucket with
// more than 1 + k, over ranges and a batch: the crowded buckets of the top windows.
void MsmVulkan::folded_buckets() {
  expect_shapes(
      900, 512,
      {{{.fold_above = 1}, "folding above 1 head"}, {{.fold_above = 3}, "folding above 3 heads"}});
}

TEST_P(MsmVulkan, ExactOnEdgesDegenerateInputsBatchesAndSizes) {
  run_checks<MsmVulkan>(
      *this, {{"sizes", &MsmVulkan::matches_cpu_across_sizes},
              {"edge scalars", &MsmVulkan::edge_scalars_alone_and_together},
              {"degenerate inputs", &MsmVulkan::degenerate_inputs},
              {"batches and resident points", &MsmVulkan::batch_and_resident_points_reused},
              {"ranges", &MsmVulkan::ranges_beyond_one_binding},
              {"precomputed copies", &MsmVulkan::precomputed_copies},
              {"reduction segments", &MsmVulkan::reduction_segments},
              {"folded buckets", &MsmVulkan::folded_buckets}});
}

// Windows of 17 to 19 bits, which a GPU takes for its largest MSMs (2^24 points: 19): every
// slot's count, scan and reduction past 2^16 buckets a window. Their buckets need a binding of
// more than 128 MiB (lavapipe's maxStorageBufferRange), so this runs on GPUs only.
TEST_P(MsmVulkan, WindowsWiderThanSixteenBits) {
  const VkDeviceSize need = (VkDeviceSize{14} << 18) * sizeof(G1Xyzz);  // 14 windows of 2^18
  if (device.info().limits.maxStorageBufferRange < need) {
    GTEST_SKIP() << "the buckets of 19-bit windows need a binding of " << need << " bytes";
  }
  expect_shapes(700, 0,
                {{{.c = 17}, "windows of 17 bits"},
                 {{.c = 18}, "windows of 18 bits"},
                 {{.c = 19}, "windows of 19 bits"}});
}

// u32w and u28w: the settings of those families run the accumulation in their own limbs.
INSTANTIATE_TEST_SUITE_P(Variants, MsmVulkan,
                         ::testing::Values(KernelVariant::U64, KernelVariant::U32,
                                           KernelVariant::U32Wide, KernelVariant::U28Wide),
                         [](const auto& info) {
                           return std::string(spirv::find_variant(info.param)->name);
                         });

// Executor::msm on Vulkan (one device, and one device opened twice as several) against the CPU
// backend: shared and per-MSM points, resident bases with and without precomputed copies, async,
// and the C ABI's precomputed bases.
class MsmExecutors : public VulkanTest, public ::testing::WithParamInterface<bool> {};

TEST_P(MsmExecutors, MatchTheCpuWithAndWithoutPrecomputedBases) {
  ExecutorOptions o = vk::on_device(-1);
  o.backend = BackendKind::Vulkan;
  if (GetParam()) o.devices = {0, 0};
  Executor gpu(o), cpu(ExecutorOptions{.backend = BackendKind::Cpu});
  std::mt19937_64 rng(11);
  const std::size_t n = 100, batch = 2;
  const auto points = random_points(batch * n, rng);
  std::vector<Scalar> scalars(batch * n);
  for (auto& s : scalars) s = random_scalar(rng);
  const std::span<const G1Affine> first(points.data(), n);
  std::vector<G1Jacobian> want(batch), want_own(batch), got(batch);
  cpu.msm(first, scalars, want);
  cpu.msm(points, scalars, want_own);
  const auto expect_all = [&](std::span<const G1Jacobian> w, const std::string& what) {
    for (std::size_t j = 0; j < batch; ++j) EXPECT_TRUE(g1::equal(got[j], w[j])) << what << j;
  };
  gpu.msm(first, scalars, got);
  expect_all(want, "shared points ");
  gpu.msm(points, scalars, got);
  expect_all(want_own, "per-MSM points ");
  for (unsigned precompute : {1u, 4u, 40u}) {
    const MsmBases bases = gpu.upload_bases(first, MsmBasesOptions{precompute});
    EXPECT_EQ(bases.size(), n);
    gpu.msm(bases, scalars, got);
    expect_all(want, "precompute " + std::to_string(precompute) + " ");
    if (precompute != 4) continue;
    std::fill(got.begin(), got.end(), g1::kInfinity);
    gpu.submit_msm(bases, scalars, got).get();
    expect_all(want, "async, precompute 4 ");
  }
  EXPECT_THROW(gpu.upload_bases(first, MsmBasesOptions{0}), Error);
  if (GetParam()) return;  // the C ABI on one device only: each executor builds its pipelines

  gpuexec_executor* ex = nullptr;
  ASSERT_EQ(gpuexec_executor_create(GPUEXEC_BACKEND_VULKAN, -1, &ex), GPUEXEC_OK);
  gpuexec_msm_bases* bases = nullptr;
  const uint64_t* p = first.front().x.limbs.data();
  EXPECT_EQ(gpuexec_msm_bases_create_precomputed(ex, p, n, 0, &bases),
            GPUEXEC_ERR_INVALID_ARGUMENT);
  ASSERT_EQ(gpuexec_msm_bases_create_precomputed(ex, p, n, 3, &bases), GPUEXEC_OK)
      << gpuexec_last_error();
  EXPECT_EQ(gpuexec_msm_bases_size(bases), n);
  ASSERT_EQ(gpuexec_g1_msm_bases(ex, bases, scalars.front().bytes.data(), batch * n,
                                 got.front().x.limbs.data(), batch),
            GPUEXEC_OK);
  expect_all(want, "C ABI, precompute 3 ");
  gpuexec_msm_bases_destroy(bases);
  gpuexec_executor_destroy(ex);
}

INSTANTIATE_TEST_SUITE_P(Devices, MsmExecutors, ::testing::Bool(),
                         [](const auto& info) { return info.param ? "Two" : "One"; });

}  // namespace
}  // namespace gpuexec::test
