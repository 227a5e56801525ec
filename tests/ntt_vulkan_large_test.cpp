// Larger Vulkan NTTs in the device's own variant (tests/ntt_vulkan_test.cpp has the exact checks
// on small shapes, every variant).
#include <gtest/gtest.h>

#include <cstdlib>
#include <vector>

#include "ntt_reference.hpp"
#include "test_size.hpp"
#include "vulkan/ntt.hpp"
#include "vulkan/resident_ops.hpp"
#include "vulkan_fixture.hpp"

namespace gpuexec::test {
namespace {

// Larger vectors in the device's own variant: forward then inverse is the identity, and sampled
// outputs are the polynomial evaluated at s w^i (Horner, O(n) per sample).
class NttVulkanLarge : public VulkanTest {
 protected:
  vk::Device device{vk::on_device(-1), {}};

  void round_trip(unsigned k, std::size_t batch, VkDeviceSize limit, unsigned log_cap = 0) {
    SCOPED_TRACE(k);
    const std::size_t n = std::size_t{1} << k;
    const Vec x = random_vec(batch * n, k);
    auto lock = device.lock();
    auto buffer = device.pool().acquire(vk::MemoryUse::DeviceLocal, x.size() * sizeof(Fr));
    vk::write_resident(device, *buffer, std::as_bytes(std::span(x)));
    vk::run_ntt(device, *buffer, k, batch, {false, kCoset, batch}, {limit, log_cap});
    Vec y(x.size());
    vk::read_resident(device, *buffer, std::as_writable_bytes(std::span(y)));
    const Fr w = fr::root_of_unity(k);
    for (std::size_t i : {std::size_t{0}, std::size_t{1}, n / 2 + 1, n - 1, n / 3}) {
      const std::size_t b = i % batch;
      EXPECT_EQ(y[b * n + i], horner(x.data() + b * n, n, fr::mul(kCoset, fr::pow(w, i)))) << i;
    }
    vk::run_ntt(device, *buffer, k, batch, {true, kCoset, batch}, {limit, log_cap});
    vk::read_resident(device, *buffer, std::as_writable_bytes(std::span(y)));
    EXPECT_TRUE(y == x);
    device.pool().release(std::move(buffer));
  }
};

TEST_F(NttVulkanLarge, RoundTripsAndSampledOutputs) {
  for (unsigned k : {12u, 14u, 16u, 18u, 20u}) {
    if (k <= 14 || !small_tests()) round_trip(k, 1, 0);
  }
  round_trip(16, 2, sizeof(Fr) << 13);  // 8 ranges of 2^13
  round_trip(19, 1, 0, 9);              // three passes in workgroups of 2^9, the last in place
}

// 2^23 elements: two ranges at lavapipe's 128 MiB bindings. About a minute on lavapipe, so only
// with GPUEXEC_NTT_LARGE=1; VectorsLongerThanOneBinding covers the same path at small sizes.
TEST_F(NttVulkanLarge, BeyondOneBindingAtTheDeviceLimit) {
  if (!std::getenv("GPUEXEC_NTT_LARGE")) GTEST_SKIP() << "set GPUEXEC_NTT_LARGE=1";
  round_trip(23, 1, 0);
}

}  // namespace
}  // namespace gpuexec::test
