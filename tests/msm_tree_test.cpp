// The MSM reduction tree's shape (vulkan/msm_tree.hpp) and its identity on the host: a window's
// sum sum_k (k + 1) bucket_k equals A + 2^l sum_b 2^b U_b from the segments' sums, against
// double-and-add multiples. The device's tree passes are checked by msm_vulkan_test.cpp.
#include <gtest/gtest.h>

#include <random>
#include <vector>

#include "g1_samples.hpp"
#include "gpuexec/g1.hpp"
#include "vulkan/msm_tree.hpp"

namespace gpuexec {
namespace {

TEST(MsmTree, LevelsNodesAndOffsets) {
  const vk::MsmTree t(17, 2048, 2);
  EXPECT_EQ(t.levels(), 6u);  // 2048 segments: 512, 128, 32, 8, 2, 1 nodes
  EXPECT_EQ(t.nodes(0), 2048u);
  EXPECT_EQ(t.nodes(5), 2u);
  EXPECT_EQ(t.nodes(6), 1u);
  EXPECT_EQ(t.quantities(0), 2u);
  EXPECT_EQ(t.top_quantities(), 14u);  // A, R, U_0 .. U_11
  EXPECT_EQ(t.offset(0), 0u);
  EXPECT_EQ(t.offset(1), 17u * 2 * 2048);
  EXPECT_EQ(t.offset(2), 17u * (2 * 2048 + 4 * 512));
  EXPECT_EQ(t.stored_points(), t.offset(6));

  const vk::MsmTree one(3, 1, 2);  // a whole window in one segment: one level above it
  EXPECT_EQ(one.levels(), 1u);
  EXPECT_EQ(one.stored_points(), 3u * 2);
  EXPECT_EQ(vk::MsmTree(1, 5, 1).levels(), 3u);  // 5, 3, 2, 1 nodes
  EXPECT_THROW(vk::MsmTree(1, 0, 2), Error);
}

// A window of 32 buckets (some empty) in segments of 2^l, l = 0 .. 5.
TEST(MsmTree, WindowSumFromSegmentSums) {
  std::mt19937_64 rng(19);
  const auto points = test::random_points(32, rng);
  std::vector<G1Xyzz> bucket(32);
  G1Jacobian expect = g1::kInfinity;
  for (std::size_t k = 0; k < bucket.size(); ++k) {
    if (k % 7 == 3) continue;  // empty: infinity
    bucket[k] = g1::to_xyzz(points[k]);
    expect = g1::add(expect, g1::mul(points[k], scalar_from_limbs({k + 1, 0, 0, 0})));
  }
  for (unsigned l = 0; l <= 5; ++l) {
    const uint32_t len = 1u << l, segs = 32 >> l;
    const vk::MsmTree tree(1, segs, 2);
    std::vector<G1Xyzz> top(tree.top_quantities());  // A, R, U_b: infinity to start
    for (uint32_t s = 0; s < segs; ++s) {
      G1Xyzz run{}, acc{};
      for (uint32_t i = len; i-- > 0;) {
        run = g1::add(run, bucket[s * len + i]);
        acc = g1::add(acc, run);
      }
      top[0] = g1::add(top[0], acc);
      top[1] = g1::add(top[1], run);
      for (std::size_t b = 0; b + 2 < top.size(); ++b) {
        if ((s >> b) & 1) top[2 + b] = g1::add(top[2 + b], run);
      }
    }
    EXPECT_TRUE(g1::equal(g1::to_jacobian(vk::window_sum(top, l)), expect)) << "l = " << l;
  }
}

}  // namespace
}  // namespace gpuexec
