// The Vulkan NTT (vulkan/ntt.hpp) against the definition of gpuexec/ntt.hpp: a naive O(n^2) DFT
// over the reference arithmetic for small n, GMP for a few outputs, a CPU radix-2 transform
// (itself checked against the naive DFT) for every n up to 2^12, round trips and Horner
// evaluations at sampled points for larger n, batches, and the multi-range path of vectors
// longer than one binding, in the u64, u64v and u32 variants.
#include <gmp.h>
#include <gtest/gtest.h>

#include <cstdlib>
#include <random>
#include <tuple>
#include <vector>

#include "gmp_oracle.hpp"
#include "gpuexec/error.hpp"
#include "gpuexec/ntt.hpp"
#include "ntt_reference.hpp"
#include "test_size.hpp"
#include "vulkan/ntt.hpp"
#include "vulkan/persistent_backend.hpp"
#include "vulkan/resident_ops.hpp"
#include "vulkan_fixture.hpp"

namespace gpuexec::test {
namespace {

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
    const vk::NttLimits limits{max_binding_bytes, log_cap_, per_invocation_, shuffle_,
                               shuffle_span_};
    auto lock = device.lock();
    auto buffer = device.pool().acquire(vk::MemoryUse::DeviceLocal, x.size() * sizeof(Fr));
    vk::write_resident(device, *buffer, std::as_bytes(std::span(x)));
    for (const NttOptions& o : calls) {
      vk::run_ntt(device, *buffer, log_n, batch, o, limits);
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

 public:
  // The checks of one shape each, run by the tests below: one process per variant and test
  // (each process builds the variant's pipelines).
  void small_sizes_match_the_naive_dft();
  void edge_values();
  void gmp_agrees_on_a_small_coset_transform();
  void every_size_up_to_4096();
  void batch_transforms_each_vector();
  void small_workgroups();
  void two_per_invocation();
  void levels_through_workgroup_memory();
  void shorter_shuffle_spans();
  void scale_tables_are_kept_per_coset();
  void rejects_bad_arguments();

 protected:
  unsigned log_cap_ = 0;  // Stockham workgroups of 2^log_cap_ elements (0: the device's choice)
  unsigned per_invocation_ = 0;  // elements a Stockham invocation loads (0: the device's choice)
  int shuffle_ = -1;             // the Stockham pass with subgroup shuffles (-1: the settings')
  unsigned shuffle_span_ = 0;    // log2 of the lanes they span (0: the subgroup's)
};

void NttVulkan::small_sizes_match_the_naive_dft() {
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

void NttVulkan::edge_values() {
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

// Every output of a 2^3 coset transform from GMP: w = 7^((r-1)/8) and the Montgomery conversions
// computed there, independently of fr::.
void NttVulkan::gmp_agrees_on_a_small_coset_transform() {
  Mpz r, R, R_inv, w, s, e;
  const fr::Limbs m = fr::kModulus;
  mpz_import(r.v, 4, -1, sizeof(uint64_t), 0, 0, m.data());
  mpz_ui_pow_ui(R.v, 2, 256);
  mpz_mod(R.v, R.v, r.v);
  mpz_invert(R_inv.v, R.v, r.v);
  mpz_sub_ui(e.v, r.v, 1);
  mpz_fdiv_q_2exp(e.v, e.v, 3);
  mpz_set_ui(w.v, 7);
  mpz_powm(w.v, w.v, e.v, r.v);
  mpz_set_ui(s.v, 5);
  const auto value = [&](const Fr& a) {
    Mpz z;
    mpz_import(z.v, 4, -1, sizeof(uint64_t), 0, 0, a.limbs.data());
    mpz_mul(z.v, z.v, R_inv.v);
    mpz_mod(z.v, z.v, r.v);
    return z;
  };
  const Vec x = random_vec(8, 5);
  const Vec y = forward(x, 3, fr::from_u64(5));
  for (unsigned i = 0; i < 8; ++i) {
    Mpz z, zj, acc, t;  // z = s w^i; acc = sum_j x_j z^j
    mpz_powm_ui(z.v, w.v, i, r.v);
    mpz_mul(z.v, z.v, s.v);
    mpz_set_ui(zj.v, 1);
    for (unsigned j = 0; j < 8; ++j) {
      mpz_mul(t.v, value(x[j]).v, zj.v);
      mpz_add(acc.v, acc.v, t.v);
      mpz_mul(zj.v, zj.v, z.v);
      mpz_mod(zj.v, zj.v, r.v);
    }
    mpz_mod(acc.v, acc.v, r.v);
    EXPECT_EQ(mpz_cmp(value(y[i]).v, acc.v), 0) << i;
  }
}

void NttVulkan::every_size_up_to_4096() {
  for (unsigned k = 0; k <= 12; ++k) {
    SCOPED_TRACE(k);
    const Vec x = random_vec(std::size_t{1} << k, 100 + k);
    if (k <= 6) {  // the CPU transform against the definition first
      ASSERT_EQ(cpu_ntt(x, k, false, kCoset), naive(x, k, false, kCoset));
      ASSERT_EQ(cpu_ntt(x, k, true, kCoset), naive(x, k, true, kCoset));
    }
    EXPECT_EQ(forward(x, k, kCoset), cpu_ntt(x, k, false, kCoset));
    EXPECT_EQ(inverse(x, k, kCoset), cpu_ntt(x, k, true, kCoset));
  }
}

void NttVulkan::batch_transforms_each_vector() {
  const Vec x = random_vec(3 << 10, 7);
  EXPECT_EQ(forward(x, 10, kCoset, 3), cpu_batch(x, 10, false, kCoset));
  EXPECT_EQ(inverse(x, 10, kCoset, 3), cpu_batch(x, 10, true, kCoset));
  EXPECT_EQ(forward(random_vec(5, 1), 0, kCoset, 5), random_vec(5, 1));  // n = 1
}

// Workgroups of 2^9 elements, as on devices with 16 KiB of shared memory (lavapipe has 32 KiB):
// 2^10 then takes two passes instead of one.
void NttVulkan::small_workgroups() {
  log_cap_ = 9;
  every_size_up_to_4096();
  batch_transforms_each_vector();
  log_cap_ = 0;
}

// Two elements an invocation (NVIDIA's rule; lavapipe takes four), in workgroups of both sizes.
void NttVulkan::two_per_invocation() {
  per_invocation_ = 2;
  every_size_up_to_4096();
  log_cap_ = 9;
  batch_transforms_each_vector();
  log_cap_ = 0;
  per_invocation_ = 0;
}

// The Stockham pass that moves every level pair through workgroup memory: the rule where the
// device's subgroups vary in size or lack shuffles. Lavapipe's (8 or 16 lanes, with shuffles)
// take the shuffle pass by default, which the checks above ran.
void NttVulkan::levels_through_workgroup_memory() {
  if (std::string_view(device.info().name).find("llvmpipe") != std::string_view::npos) {
    EXPECT_TRUE(vk::ntt_shuffle_fits(device.info(), 128));
  }
  shuffle_ = 0;
  every_size_up_to_4096();
  small_workgroups();
  two_per_invocation();
  shuffle_ = -1;
}

// Shuffles over 2 and 4 lanes: segments of 2 and 3 levels, so that the segments' index arithmetic
// meets other splits of a pass than the device's (lavapipe: 4 levels; NVIDIA: 6).
void NttVulkan::shorter_shuffle_spans() {
  shuffle_ = 1;
  for (unsigned span : {1u, 2u}) {
    SCOPED_TRACE(span);
    shuffle_span_ = span;
    every_size_up_to_4096();
    two_per_invocation();
  }
  shuffle_ = -1;
  shuffle_span_ = 0;
}

// The device keeps the last kScaleTables scale tables: more cosets than that, both ways and at
// two lengths, then the first again (evicted and rebuilt), each exact.
void NttVulkan::scale_tables_are_kept_per_coset() {
  const std::size_t cosets = vk::NttTwiddleCache::kScaleTables + 2;
  for (int round = 0; round < 2; ++round) {
    for (std::size_t i = 0; i < cosets; ++i) {
      SCOPED_TRACE(i);
      const Fr s = fr::from_u64(3 + i);
      const unsigned k = 5 + i % 2;
      const Vec x = random_vec(std::size_t{1} << k, 40 + i);
      EXPECT_EQ(forward(x, k, s), cpu_ntt(x, k, false, s));
      EXPECT_EQ(inverse(x, k, s), cpu_ntt(x, k, true, s));
    }
  }
}

// Bindings forced small: 2^k elements as 2^h ranges of 2^g, h = 1..3, batches included; batches
// of short vectors spread over several bindings.
TEST_P(NttVulkan, VectorsLongerThanOneBinding) {
  for (const auto& [k, g, batch] : {std::tuple{11u, 10u, 1u}, {13u, 10u, 2u}, {12u, 9u, 1u}}) {
    SCOPED_TRACE(k);
    const VkDeviceSize limit = sizeof(Fr) << g;
    const Vec x = random_vec(batch << k, k);
    EXPECT_EQ(forward(x, k, kCoset, batch, limit), cpu_batch(x, k, false, kCoset));
    EXPECT_EQ(forward(x, k, fr::kOne, batch, limit), cpu_batch(x, k, false, fr::kOne));
    EXPECT_EQ(inverse(x, k, kCoset, batch, limit), cpu_batch(x, k, true, kCoset));
  }
  // Batches over several bindings of whole vectors: chunks of 2, 2 and 1 vectors, then 1 each.
  for (const auto& [k, batch] : {std::pair{9u, 5u}, {10u, 3u}}) {
    const Vec x = random_vec(batch << k, k + 50);
    EXPECT_EQ(forward(x, k, kCoset, batch, sizeof(Fr) << 10), cpu_batch(x, k, false, kCoset));
    EXPECT_EQ(inverse(x, k, kCoset, batch, sizeof(Fr) << 10), cpu_batch(x, k, true, kCoset));
  }
  // Workgroups of 2^9: each range's 2^10-point transform takes two passes, the last in place.
  log_cap_ = 9;
  const Vec y = random_vec(2 << 11, 3);
  EXPECT_EQ(forward(y, 11, kCoset, 2, sizeof(Fr) << 10), cpu_batch(y, 11, false, kCoset));
  EXPECT_EQ(inverse(y, 11, kCoset, 2, sizeof(Fr) << 10), cpu_batch(y, 11, true, kCoset));
  log_cap_ = 0;
  // Ranges so small that a range's transposed slices would lose their alignment.
  const Vec x = random_vec(1 << 8, 1);
  EXPECT_THROW(forward(x, 8, kCoset, 1, sizeof(Fr) << 4), Error);
}

void NttVulkan::rejects_bad_arguments() {
  auto lock = device.lock();
  auto buffer = device.pool().acquire(vk::MemoryUse::DeviceLocal, 64 * sizeof(Fr));
  const auto code = [&](std::size_t log_n, std::size_t batch, NttOptions o) {
    try {
      vk::run_ntt(device, *buffer, log_n, batch, o);
    } catch (const Error& e) {
      return e.code();
    }
    return ErrorCode::Internal;
  };
  EXPECT_EQ(code(33, 1, {}), ErrorCode::InvalidArgument);
  EXPECT_EQ(code(4, 1, {false, fr::kZero, 1}), ErrorCode::InvalidArgument);
  EXPECT_EQ(code(4, 1, {true, fr::kZero, 1}), ErrorCode::InvalidArgument);
  EXPECT_EQ(code(7, 1, {}), ErrorCode::InvalidArgument);  // 128 elements in a buffer of 64
  EXPECT_EQ(code(5, 3, {}), ErrorCode::InvalidArgument);
  device.pool().release(std::move(buffer));
}

TEST_P(NttVulkan, ExactOnSmallShapesAndStrictOnArguments) {
  run_checks<NttVulkan>(
      *this, {{"naive DFT", &NttVulkan::small_sizes_match_the_naive_dft},
              {"edge values", &NttVulkan::edge_values},
              {"GMP coset", &NttVulkan::gmp_agrees_on_a_small_coset_transform},
              {"sizes to 4096", &NttVulkan::every_size_up_to_4096},
              {"batches", &NttVulkan::batch_transforms_each_vector},
              {"workgroups of 512", &NttVulkan::small_workgroups},
              {"two elements an invocation", &NttVulkan::two_per_invocation},
              {"levels through workgroup memory", &NttVulkan::levels_through_workgroup_memory},
              {"shorter shuffle spans", &NttVulkan::shorter_shuffle_spans},
              {"scale tables per coset", &NttVulkan::scale_tables_are_kept_per_coset},
              {"bad arguments", &NttVulkan::rejects_bad_arguments}});
}

INSTANTIATE_TEST_SUITE_P(Variants, NttVulkan,
                         ::testing::Values(KernelVariant::U64, KernelVariant::U64Vec,
                                           KernelVariant::U32, KernelVariant::U32Carry,
                                           KernelVariant::U32Wide, KernelVariant::U64Unrolled,
                                           KernelVariant::U28Wide),
                         [](const auto& info) {
                           return std::string(spirv::find_variant(info.param)->name);
                         });

}  // namespace
}  // namespace gpuexec::test
