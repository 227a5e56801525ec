// The CPU backend's NTT against the definition (GMP, O(n^2)) on small sizes, and against itself
// (forward then inverse) on sizes that take every code path: cache blocks, large stages, stages
// beyond the twiddle table are not reached here (2^20), batches of small vectors on all cores.
#include <gtest/gtest.h>

#include <random>

#include "fr_oracle.hpp"
#include "gpuexec/error.hpp"
#include "gpuexec/executor.hpp"
#include "gpuexec/fr_samples.hpp"
#include "random_vectors.hpp"
#include "test_size.hpp"

namespace gpuexec::test {
namespace {

// Edge values first, then random ones: n elements.
std::vector<Fr> mixed_fr(std::size_t n, uint64_t seed) {
  std::vector<Fr> v = random_fr(n, seed);
  const std::vector<Fr> edges = fr_edge_values();
  for (std::size_t i = 0; i < n && i < edges.size(); ++i) v[(i * 7) % n] = edges[i];
  return v;
}

Executor& cpu() {
  static Executor ex(ExecutorOptions{.backend = BackendKind::Cpu});
  return ex;
}

TEST(NttCpu, MatchesTheDefinitionForEverySmallSize) {
  const FrOracle g;
  const Fr shift = fr::from_u64(5);
  for (std::size_t n = 1; n <= 256; n *= 2) {
    const std::vector<Fr> x = mixed_fr(n, n);
    for (bool inverse : {false, true}) {
      for (const Fr& s : {fr::kOne, shift}) {
        std::vector<Fr> y = x;
        cpu().ntt(y, {.inverse = inverse, .coset = s});
        EXPECT_EQ(y, g.dft(x, s, inverse)) << "n " << n << " inverse " << inverse;
      }
    }
  }
}

TEST(NttCpu, ConstantsAndImpulses) {
  // The transform of (1, 0, ..., 0) is all ones; of all ones, n at 0 and 0 elsewhere.
  const std::size_t n = 1 << 10;
  std::vector<Fr> x(n, fr::kZero);
  x[0] = fr::kOne;
  cpu().ntt(x);
  for (const Fr& y : x) ASSERT_EQ(y, fr::kOne);
  cpu().ntt(x);
  EXPECT_EQ(x[0], fr::from_u64(n));
  for (std::size_t i = 1; i < n; ++i) ASSERT_EQ(x[i], fr::kZero) << i;
}

TEST(NttCpu, ForwardThenInverseIsIdentityOnLargeSizes) {
  // 2^13 is one cache block, 2^14 and up add large stages and threads (2^20: the plain run only).
  for (unsigned k : {13u, 14u, 17u, 20u}) {
    if (k == 20 && small_tests()) continue;
    const std::vector<Fr> x = mixed_fr(std::size_t{1} << k, k);
    for (const Fr& s : {fr::kOne, fr::from_u64(7)}) {
      std::vector<Fr> y = x;
      cpu().ntt(y, {.coset = s});
      EXPECT_NE(y, x);
      cpu().ntt(y, {.inverse = true, .coset = s});
      EXPECT_EQ(y, x) << "2^" << k;
    }
  }
}

TEST(NttCpu, SampledOutputsOfALargeTransformMatchHorner) {
  // Y[i] is the polynomial with coefficients X evaluated at s w^i.
  const unsigned k = 16;
  const std::size_t n = std::size_t{1} << k;
  const std::vector<Fr> x = random_fr(n, 99);
  const Fr s = fr::from_u64(3);
  std::vector<Fr> y = x;
  cpu().ntt(y, {.coset = s});
  const Fr w = fr::root_of_unity(k);
  for (std::size_t i : {std::size_t{0}, std::size_t{1}, std::size_t{12345}, n - 1}) {
    const Fr point = fr::mul(s, fr::pow(w, i));
    Fr acc = fr::kZero;
    for (std::size_t j = n; j-- > 0;) acc = fr::add(fr::mul(acc, point), x[j]);
    EXPECT_EQ(y[i], acc) << i;
  }
}

TEST(NttCpu, BatchesTransformEachVector) {
  const FrOracle g;
  for (std::size_t n : {std::size_t{16}, std::size_t{1} << 14}) {
    const std::size_t batch = 3;
    const std::vector<Fr> x = random_fr(n * batch, n);
    std::vector<Fr> y = x;
    cpu().ntt(y, {.batch = batch});
    for (std::size_t v = 0; v < batch; ++v) {
      std::vector<Fr> one(x.begin() + v * n, x.begin() + (v + 1) * n);
      if (n <= 16) {
        EXPECT_EQ(std::vector<Fr>(y.begin() + v * n, y.begin() + (v + 1) * n),
                  g.dft(one, fr::kOne, false));
      } else {
        cpu().ntt(one);
        EXPECT_EQ(std::vector<Fr>(y.begin() + v * n, y.begin() + (v + 1) * n), one);
      }
    }
  }
  // Many small vectors run one per core.
  std::vector<Fr> many = random_fr(4 << 12, 5), copy = many;
  cpu().ntt(many, {.batch = 1 << 12});
  cpu().ntt(many, {.inverse = true, .batch = 1 << 12});
  EXPECT_EQ(many, copy);
}

TEST(NttCpu, DeviceVectorsChainWithoutTheHost) {
  // iNTT -> coset NTT -> mul -> iNTT on device vectors, against the same on host spans.
  const std::size_t n = 1 << 12;
  const Fr s = fr::from_u64(7);
  const std::vector<Fr> evals = random_fr(n, 1), other = random_fr(n, 2);
  DeviceVector v = cpu().upload(std::span<const Fr>(evals));
  DeviceVector w = cpu().upload(std::span<const Fr>(other));
  cpu().ntt(v, {.inverse = true});
  cpu().ntt(v, {.coset = s});
  cpu().run(Op::Mul, v, w, v);
  cpu().submit_ntt(v, {.inverse = true, .coset = s}).get();
  std::vector<Fr> host = evals;
  cpu().ntt(host, {.inverse = true});
  cpu().ntt(host, {.coset = s});
  cpu().run(Op::Mul, std::span<const Fr>(host), std::span<const Fr>(other), std::span<Fr>(host));
  cpu().ntt(host, {.inverse = true, .coset = s});
  EXPECT_EQ(v.to_host_fr(), host);
}

TEST(NttCpu, BadArgumentsAreRejected) {
  std::vector<Fr> x(12);
  const auto says = [&](const NttOptions& o, const char* text) {
    try {
      cpu().ntt(x, o);
      ADD_FAILURE() << "no error for " << text;
    } catch (const Error& e) {
      EXPECT_EQ(e.code(), ErrorCode::InvalidArgument);
      EXPECT_NE(std::string(e.what()).find(text), std::string::npos) << e.what();
    }
  };
  says({}, "length 12 is not a power of two");
  says({.batch = 5}, "do not split into 5 vectors");
  says({.batch = 0}, "batch count is 0");
  x.resize(8);
  says({.coset = fr::kZero}, "coset shift is 0");
  says({.coset = Fr{fr::kModulus}}, "not a reduced element");
  says({.batch = 3}, "do not split into 3");
  DeviceVector fp = cpu().allocate(8);
  EXPECT_THROW(cpu().ntt(fp), Error);
  std::vector<Fr> empty;
  EXPECT_NO_THROW(cpu().ntt(empty));
}

}  // namespace
}  // namespace gpuexec::test
