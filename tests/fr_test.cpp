// Fr: the reference arithmetic (powers, inverses, roots of unity) and element-wise jobs on the CPU
// backend, against GMP mod r.
#include <gtest/gtest.h>

#include <random>

#include "fr_oracle.hpp"
#include "gpuexec/error.hpp"
#include "gpuexec/executor.hpp"
#include "gpuexec/fr_samples.hpp"
#include "random_vectors.hpp"

namespace gpuexec::test {
namespace {

TEST(FrReference, RootsOfUnityHaveTheirOrder) {
  const FrOracle g;
  for (unsigned k = 0; k <= fr::kTwoAdicity; ++k) {
    const Fr w = fr::root_of_unity(k);
    EXPECT_EQ(mpz_cmp(g.value(w).v, g.root(k).v), 0) << "k = " << k;
    // w^(2^k) = 1 and, for k > 0, w^(2^(k-1)) = -1: the order is exactly 2^k.
    Fr x = w;
    for (unsigned i = 0; i + 1 < k; ++i) x = fr::sqr(x);
    if (k > 0) {
      EXPECT_EQ(x, fr::neg(fr::kOne)) << "k = " << k;
      x = fr::sqr(x);
    }
    EXPECT_EQ(x, fr::kOne) << "k = " << k;
  }
}

TEST(FrReference, InverseAndPowAgainstGmp) {
  const FrOracle g;
  std::vector<Fr> values = fr_edge_values();
  for (const Fr& x : random_fr(200, 11)) values.push_back(x);
  for (const Fr& x : values) {
    if (fr::is_zero(x)) {
      EXPECT_EQ(fr::inverse(x), fr::kZero);
      continue;
    }
    EXPECT_EQ(fr::mul(x, fr::inverse(x)), fr::kOne);
    Mpz want;
    mpz_powm_ui(want.v, g.value(x).v, 12345, g.r().v);
    EXPECT_EQ(fr::pow(x, 12345), g.element(want));
  }
}

TEST(FrReference, EdgeValuesAreCanonical) {
  for (const Fr& x : fr_edge_values()) EXPECT_TRUE(fr::is_canonical(x.limbs));
}

// Every op on the CPU backend over edge pairs and random values, against GMP.
TEST(FrCpuJobs, EveryOpMatchesGmp) {
  const FrOracle g;
  std::vector<Fr> a, b;
  fr_edge_pairs(a, b);
  const auto ra = random_fr(40000, 1), rb = random_fr(40000, 2);  // beyond one thread's block
  a.insert(a.end(), ra.begin(), ra.end());
  b.insert(b.end(), rb.begin(), rb.end());
  const std::vector<Fr> c = random_fr(a.size(), 3);
  Executor ex(ExecutorOptions{.backend = BackendKind::Cpu});
  std::vector<Fr> out(a.size());
  for (Op op : kAllOps) {
    if (op == Op::Mad) {
      ex.mad(a, b, c, out);
    } else {
      ex.run(op, a, b, out);
    }
    for (std::size_t i = 0; i < a.size(); ++i) {
      Fr want = op == Op::Add   ? g.add(a[i], b[i])
                : op == Op::Sub ? g.sub(a[i], b[i])
                                : g.mul(a[i], b[i]);
      if (op == Op::Mad) want = g.add(want, c[i]);
      ASSERT_EQ(out[i], want) << op_name(op) << " at " << i;
    }
  }
}

TEST(FrCpuJobs, DeviceVectorsBatchesAndAsync) {
  Executor ex(ExecutorOptions{.backend = BackendKind::Cpu});
  const auto a = random_fr(1000, 4), b = random_fr(1000, 5);
  DeviceVector da = ex.upload(std::span<const Fr>(a)), db = ex.upload(std::span<const Fr>(b));
  DeviceVector dc = ex.allocate(a.size(), FieldId::Fr);
  EXPECT_EQ(dc.field(), FieldId::Fr);
  ex.run(Op::Mul, da, db, dc);
  const std::vector<Fr> got = dc.to_host_fr();
  std::vector<Fr> batch_out(a.size()), async_out(a.size());
  std::vector<FrJob> jobs{{Op::Mul, a, b, batch_out}};
  ex.run_batch(jobs);
  ex.submit(FrJob{Op::Mul, a, b, async_out}).get();
  for (std::size_t i = 0; i < a.size(); ++i) {
    EXPECT_EQ(got[i], fr::mul(a[i], b[i]));
    EXPECT_EQ(batch_out[i], got[i]);
    EXPECT_EQ(async_out[i], got[i]);
  }
  // Fields do not mix.
  const std::vector<Fp> fp_values(a.size());
  DeviceVector dp = ex.upload(std::span<const Fp>(fp_values));
  EXPECT_THROW(ex.run(Op::Add, da, dp, dc), Error);
  EXPECT_THROW(dp.to_host_fr(), Error);
  EXPECT_THROW(da.write(std::span<const Fp>(fp_values)), Error);
}

}  // namespace
}  // namespace gpuexec::test
