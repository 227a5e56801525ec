// Pinned host vectors: memory the device reads and writes directly, imported once. Jobs whose
// arrays all lie in them run without staging (bound to the kernels on lavapipe, or through the
// copy engine as on discrete GPUs), at any offset inside them, in batches; anything else runs on
// the usual paths. And the C ABI's pinned vectors and byte-encoded ops.
#include <gtest/gtest.h>

#include <cstring>

#include "cpu/cpu_backend.hpp"
#include "gpuexec/executor.hpp"
#include "gpuexec/fp_encoding.hpp"
#include "gpuexec/gpuexec.h"
#include "random_vectors.hpp"
#include "vulkan/persistent_backend.hpp"
#include "vulkan_fixture.hpp"

namespace gpuexec::test {
namespace {

void fill(PinnedVector& v, uint64_t seed) {
  const auto r = random_vector(v.size(), seed);
  std::copy(r.begin(), r.end(), v.data());
}

class Pinned : public VulkanTest {
 protected:
  static Executor make(gpuexec::HostImport import, std::size_t chunk_elems = 0) {
    ExecutorOptions o = vk::on_device(-1);
    o.vulkan.host_import = import;
    if (chunk_elems) o.vulkan.chunk_elems = chunk_elems;
    return Executor(std::make_unique<vk::PersistentBackend>(o, std::filesystem::path{}));
  }
};

TEST(PinnedCpu, PlainZeroedHostMemory) {
  Executor ex(std::make_unique<cpu::CpuBackend>());
  PinnedVector a = ex.allocate_pinned(1000), b = ex.allocate_pinned(1000);
  EXPECT_FALSE(a.pinned());
  for (std::size_t i = 0; i < a.size(); ++i) ASSERT_EQ(a[i], Fp{}) << i;
  fill(a, 1);
  fill(b, 2);
  std::vector<Fp> out(1000);
  ex.run(Op::Mul, a.span(), b.span(), out);
  for (std::size_t i = 0; i < out.size(); ++i) ASSERT_EQ(out[i], fp::mul(a[i], b[i])) << i;
  EXPECT_TRUE(ex.allocate_pinned(0).empty());
}

TEST_F(Pinned, JobsOnPinnedVectorsSkipStaging) {
  for (auto import : {gpuexec::HostImport::Auto, gpuexec::HostImport::Copy}) {
    Executor ex = make(import, 4096);
    const std::size_t n = 20000;
    PinnedVector a = ex.allocate_pinned(n), b = ex.allocate_pinned(n), out = ex.allocate_pinned(n);
    ASSERT_TRUE(a.pinned());
    fill(a, 3);
    fill(b, 4);
    uint64_t jobs = 0;
    for (Op op : kAllOps) {
      const std::span<const Fp> c = op == Op::Mad ? b.span() : std::span<const Fp>();
      ex.run(Job{op, a.span(), b.span(), out.span(), c});
      ++jobs;
      for (std::size_t i = 0; i < n; ++i) {
        ASSERT_EQ(out[i], apply(op, a[i], b[i], b[i])) << op_name(op) << " " << i;
      }
    }
    // Ranges inside the vectors, in place, and in a batch.
    const auto mid = [](PinnedVector& v) { return v.span().subspan(37, 9000); };
    std::vector<Fp> want(9000);
    for (std::size_t i = 0; i < want.size(); ++i) want[i] = fp::sub(a[37 + i], b[37 + i]);
    ex.run(Op::Sub, mid(a), mid(b), mid(a));
    ++jobs;
    const std::vector<Job> batch = {
        Job{Op::Add, out.span().first(100), b.span().first(100), out.span().first(100)},
        Job{Op::Mul, b.span().last(500), b.span().last(500), b.span().last(500)}};
    const std::vector<Fp> before_out(out.data(), out.data() + 100);
    const std::vector<Fp> before_b(b.span().last(500).begin(), b.span().last(500).end());
    ex.run_batch(batch);
    jobs += 2;
    for (std::size_t i = 0; i < want.size(); ++i) ASSERT_EQ(a[37 + i], want[i]) << i;
    for (std::size_t i = 0; i < 100; ++i) {
      ASSERT_EQ(out[i], fp::add(before_out[i], b[i])) << i;
    }
    for (std::size_t i = 0; i < 500; ++i) {
      ASSERT_EQ(b.span().last(500)[i], fp::mul(before_b[i], before_b[i])) << i;
    }
    EXPECT_EQ(ex.stats().pinned_jobs, jobs);
    if (import == gpuexec::HostImport::Copy) {
      EXPECT_GT(ex.stats().chunks, jobs);
    }

    // Not every array pinned: the usual paths, the same results.
    std::vector<Fp> plain(n);
    ex.run(Op::Add, a.span(), b.span(), plain);
    for (std::size_t i = 0; i < n; ++i) ASSERT_EQ(plain[i], fp::add(a[i], b[i])) << i;
    EXPECT_EQ(ex.stats().pinned_jobs, jobs);
  }
}

TEST_F(Pinned, CApiPinnedVectorsAndByteOps) {
  gpuexec_executor* ex = nullptr;
  ASSERT_EQ(gpuexec_executor_create(GPUEXEC_BACKEND_VULKAN, -1, &ex), GPUEXEC_OK);
  const std::size_t n = 3000;
  gpuexec_pinned_vector *a = nullptr, *out = nullptr;
  ASSERT_EQ(gpuexec_pinned_vector_create(ex, n, &a), GPUEXEC_OK);
  ASSERT_EQ(gpuexec_pinned_vector_create(ex, n, &out), GPUEXEC_OK);
  EXPECT_EQ(gpuexec_pinned_vector_size(a), n);
  EXPECT_EQ(gpuexec_pinned_vector_is_pinned(a), 1);
  const auto x = random_vector(n, 5);
  std::copy(x.begin(), x.end(), reinterpret_cast<Fp*>(gpuexec_pinned_vector_data(a)));
  ASSERT_EQ(gpuexec_fp_vec_op(ex, GPUEXEC_OP_MUL, gpuexec_pinned_vector_data(a),
                              gpuexec_pinned_vector_data(a), gpuexec_pinned_vector_data(out), n),
            GPUEXEC_OK);
  const Fp* got = reinterpret_cast<const Fp*>(gpuexec_pinned_vector_data(out));
  for (std::size_t i = 0; i < n; ++i) ASSERT_EQ(got[i], fp::mul(x[i], x[i])) << i;
  gpuexec_pinned_vector_destroy(a);
  gpuexec_pinned_vector_destroy(out);
  gpuexec_pinned_vector_destroy(nullptr);
  EXPECT_EQ(gpuexec_pinned_vector_create(ex, 1, nullptr), GPUEXEC_ERR_INVALID_ARGUMENT);

  // Byte-encoded ops: the file encoding in and out, values checked.
  std::vector<uint8_t> ab(n * kFpBytes), bb(n * kFpBytes), ob(n * kFpBytes);
  const auto y = random_vector(n, 6);
  for (std::size_t i = 0; i < n; ++i) {
    gpuexec_fp_to_be_bytes(x[i].limbs.data(), ab.data() + i * kFpBytes);
    gpuexec_fp_to_be_bytes(y[i].limbs.data(), bb.data() + i * kFpBytes);
  }
  for (gpuexec_op op : {GPUEXEC_OP_ADD, GPUEXEC_OP_MAD}) {
    ASSERT_EQ(gpuexec_fp_bytes_op(ex, op, ab.data(), bb.data(), ab.data(), ob.data(), n),
              GPUEXEC_OK)
        << gpuexec_last_error();
    for (std::size_t i = 0; i < n; ++i) {
      uint64_t limbs[6];
      ASSERT_EQ(gpuexec_fp_from_be_bytes(ob.data() + i * kFpBytes, limbs), GPUEXEC_OK);
      const Fp want = op == GPUEXEC_OP_ADD ? fp::add(x[i], y[i]) : apply(Op::Mad, x[i], y[i], x[i]);
      ASSERT_EQ(std::memcmp(limbs, want.limbs.data(), 48), 0) << i;
    }
  }
  std::fill(bb.begin() + 3 * kFpBytes, bb.begin() + 4 * kFpBytes, 0xff);
  EXPECT_EQ(gpuexec_fp_bytes_op(ex, GPUEXEC_OP_SUB, ab.data(), bb.data(), nullptr, ob.data(), n),
            GPUEXEC_ERR_NON_CANONICAL);
  EXPECT_NE(std::string(gpuexec_last_error()).find("b[3]"), std::string::npos)
      << gpuexec_last_error();
  EXPECT_EQ(gpuexec_fp_bytes_op(ex, GPUEXEC_OP_MAD, ab.data(), bb.data(), nullptr, ob.data(), n),
            GPUEXEC_ERR_INVALID_ARGUMENT);
  gpuexec_executor_destroy(ex);
}

}  // namespace
}  // namespace gpuexec::test
