// Fr element-wise work on Vulkan: every op through every kernel variant and data path (single and
// split queues), device vectors, batches, async, encoded jobs, several devices and the C ABI,
// against GMP on edge pairs and the reference on random vectors.
#include <gtest/gtest.h>

#include <cstring>
#include <random>

#include "fr_oracle.hpp"
#include "gpuexec/error.hpp"
#include "gpuexec/executor.hpp"
#include "gpuexec/fr_encoding.hpp"
#include "gpuexec/fr_samples.hpp"
#include "gpuexec/gpuexec.h"
#include "random_vectors.hpp"
#include "vulkan/persistent_backend.hpp"
#include "vulkan_fixture.hpp"

namespace gpuexec::test {
namespace {

void expect_ops(Executor& ex, const std::vector<Fr>& a, const std::vector<Fr>& b,
                const std::vector<Fr>& c, bool gmp) {
  const FrOracle g;
  std::vector<Fr> out(a.size());
  for (Op op : kAllOps) {
    if (op == Op::Mad) {
      ex.mad(a, b, c, out);
    } else {
      ex.run(op, a, b, out);
    }
    for (std::size_t i = 0; i < a.size(); ++i) {
      Fr want = apply(op, a[i], b[i], c[i]);
      if (gmp) {
        want = op == Op::Add   ? g.add(a[i], b[i])
               : op == Op::Sub ? g.sub(a[i], b[i])
                               : g.mul(a[i], b[i]);
        if (op == Op::Mad) want = g.add(want, c[i]);
      }
      ASSERT_EQ(out[i], want) << op_name(op) << " at " << i << " of " << a.size();
    }
  }
}

struct FrCase {
  KernelVariant kernel;
  DataPath path;
  bool split;
};

class FrVulkan : public VulkanTest, public ::testing::WithParamInterface<FrCase> {
 protected:
  void SetUp() override {
    VulkanTest::SetUp();
    if (GetParam().split) setenv("GPUEXEC_SPLIT_QUEUES", "1", 1);
  }
  void TearDown() override {
    unsetenv("GPUEXEC_SPLIT_QUEUES");
    VulkanTest::TearDown();
  }
  Executor make() {
    ExecutorOptions o = vk::on_device(-1);
    o.vulkan.kernel = GetParam().kernel;
    o.vulkan.data_path = GetParam().path;
    o.vulkan.chunk_elems = 16384;  // several chunks for the larger sizes
    return Executor(std::make_unique<vk::PersistentBackend>(o, std::filesystem::path{}));
  }
};

TEST_P(FrVulkan, EveryOpDeviceVectorsBatchesAndEncodedJobs) {
  Executor ex = make();
  std::vector<Fr> a, b;
  fr_edge_pairs(a, b);
  expect_ops(ex, a, b, random_fr(a.size(), 3), true);
  for (std::size_t n : {1, 65, 40000}) {
    expect_ops(ex, random_fr(n, n), random_fr(n, n + 1), random_fr(n, n + 2), false);
  }

  const std::size_t n = 5000;
  const auto x = random_fr(n, 21), y = random_fr(n, 22), z = random_fr(n, 23);
  DeviceVector dx = ex.upload(std::span<const Fr>(x)), dy = ex.upload(std::span<const Fr>(y));
  DeviceVector dz = ex.upload(std::span<const Fr>(z)), dout = ex.allocate(n, FieldId::Fr);
  ex.mad(dx, dy, dz, dout);
  ex.run(Op::Sub, dout, dz, dz);  // in place: x*y
  const std::vector<Fr> mad = dout.to_host_fr(), prod = dz.to_host_fr();
  std::vector<Fr> batch_out(n), async_out(n);
  const std::vector<FrJob> batch = {{Op::Mul, x, y, batch_out}, {Op::Add, y, z, async_out}};
  ex.run_batch(batch);
  for (std::size_t i = 0; i < n; ++i) {
    ASSERT_EQ(mad[i], apply(Op::Mad, x[i], y[i], z[i])) << i;
    ASSERT_EQ(prod[i], fr::mul(x[i], y[i])) << i;
    ASSERT_EQ(batch_out[i], prod[i]) << i;
    ASSERT_EQ(async_out[i], fr::add(y[i], z[i])) << i;
  }

  // The file encoding: 32-byte big-endian values in and out, checked against r.
  std::vector<uint8_t> ea(n * kFrBytes), eb(n * kFrBytes), eo(n * kFrBytes);
  for (std::size_t i = 0; i < n; ++i) {
    fr_to_be_bytes(x[i], std::span<uint8_t, kFrBytes>(ea.data() + i * kFrBytes, kFrBytes));
    fr_to_be_bytes(y[i], std::span<uint8_t, kFrBytes>(eb.data() + i * kFrBytes, kFrBytes));
  }
  ex.run_encoded({Op::Mul, ea, eb, eo, {}, FieldId::Fr});
  for (std::size_t i = 0; i < n; ++i) {
    const auto v =
        fr_from_be_bytes(std::span<const uint8_t, kFrBytes>(eo.data() + i * kFrBytes, kFrBytes));
    ASSERT_TRUE(v) << i;
    ASSERT_EQ(*v, prod[i]) << i;
  }
  std::memset(eb.data() + 777 * kFrBytes, 0xff, kFrBytes);  // >= r
  try {
    ex.run_encoded({Op::Add, ea, eb, eo, {}, FieldId::Fr});
    ADD_FAILURE() << "no rejection";
  } catch (const NonCanonicalInput& e) {
    EXPECT_EQ(e.input(), 1u);
    EXPECT_EQ(e.index(), 777u);
    EXPECT_NE(std::string(e.what()).find("modulus r"), std::string::npos) << e.what();
  }
}

INSTANTIATE_TEST_SUITE_P(
    Variants, FrVulkan,
    ::testing::Values(FrCase{KernelVariant::U64, DataPath::HostVisible, false},
                      FrCase{KernelVariant::U64Vec, DataPath::DeviceLocal, false},
                      FrCase{KernelVariant::U32, DataPath::HostVisible, false},
                      FrCase{KernelVariant::U32, DataPath::DeviceLocal, true}));

class FrSeveralDevices : public VulkanTest {};

TEST_F(FrSeveralDevices, AJobSplitOverTwoOpeningsIsExact) {
  ExecutorOptions o;
  o.backend = BackendKind::Vulkan;
  o.devices = {0, 0};
  Executor ex(o);
  const std::size_t n = (1 << 20) + 5;  // split across the devices
  const auto a = random_fr(n, 1), b = random_fr(n, 2);
  std::vector<Fr> out(n);
  ex.run(Op::Mul, a, b, out);
  for (std::size_t i = 0; i < n; i += 997) ASSERT_EQ(out[i], fr::mul(a[i], b[i])) << i;
  EXPECT_EQ(out[n - 1], fr::mul(a[n - 1], b[n - 1]));
}

class FrCApi : public VulkanTest {};

TEST_F(FrCApi, HostArraysBytesDeviceVectorsAndBatches) {
  gpuexec_executor* ex = nullptr;
  ASSERT_EQ(gpuexec_executor_create(GPUEXEC_BACKEND_VULKAN, -1, &ex), GPUEXEC_OK);
  const std::size_t n = 300;
  auto a = random_fr(n, 31), b = random_fr(n, 32), c = random_fr(n, 33);
  std::vector<Fr> out(n);
  const auto limbs = [](std::vector<Fr>& v) { return v.front().limbs.data(); };
  ASSERT_EQ(gpuexec_fr_vec_op(ex, GPUEXEC_OP_MUL, limbs(a), limbs(b), limbs(out), n), GPUEXEC_OK)
      << gpuexec_last_error();
  for (std::size_t i = 0; i < n; ++i) ASSERT_EQ(out[i], fr::mul(a[i], b[i]));
  ASSERT_EQ(gpuexec_fr_vec_mad(ex, limbs(a), limbs(b), limbs(c), limbs(out), n), GPUEXEC_OK);
  for (std::size_t i = 0; i < n; ++i) ASSERT_EQ(out[i], apply(Op::Mad, a[i], b[i], c[i]));

  // Unreduced input: named by element.
  std::vector<Fr> bad = a;
  bad[9].limbs = fr::kModulus;
  EXPECT_EQ(gpuexec_fr_vec_op(ex, GPUEXEC_OP_ADD, limbs(bad), limbs(b), limbs(out), n),
            GPUEXEC_ERR_NON_CANONICAL);
  EXPECT_NE(std::string(gpuexec_last_error()).find("a[9]"), std::string::npos);

  // Bytes.
  std::vector<uint8_t> ea(n * 32), eb(n * 32), eo(n * 32);
  for (std::size_t i = 0; i < n; ++i) {
    gpuexec_fr_to_be_bytes(a[i].limbs.data(), ea.data() + 32 * i);
    gpuexec_fr_to_be_bytes(b[i].limbs.data(), eb.data() + 32 * i);
  }
  ASSERT_EQ(gpuexec_fr_bytes_op(ex, GPUEXEC_OP_SUB, ea.data(), eb.data(), nullptr, eo.data(), n),
            GPUEXEC_OK);
  for (std::size_t i = 0; i < n; ++i) {
    Fr got;
    ASSERT_EQ(gpuexec_fr_from_be_bytes(eo.data() + 32 * i, got.limbs.data()), GPUEXEC_OK);
    ASSERT_EQ(got, fr::sub(a[i], b[i]));
  }

  // Device vectors and a batch.
  gpuexec_device_vector *da = nullptr, *db = nullptr, *dout = nullptr, *dfp = nullptr;
  ASSERT_EQ(gpuexec_fr_device_vector_upload(ex, limbs(a), n, &da), GPUEXEC_OK);
  ASSERT_EQ(gpuexec_fr_device_vector_upload(ex, limbs(b), n, &db), GPUEXEC_OK);
  ASSERT_EQ(gpuexec_fr_device_vector_create(ex, n, &dout), GPUEXEC_OK);
  ASSERT_EQ(gpuexec_device_vector_create(ex, n, &dfp), GPUEXEC_OK);
  ASSERT_EQ(gpuexec_fr_vec_op_device(ex, GPUEXEC_OP_ADD, da, db, dout), GPUEXEC_OK);
  ASSERT_EQ(gpuexec_device_vector_read(dout, limbs(out), n), GPUEXEC_OK);
  for (std::size_t i = 0; i < n; ++i) ASSERT_EQ(out[i], fr::add(a[i], b[i]));
  EXPECT_EQ(gpuexec_fr_vec_op_device(ex, GPUEXEC_OP_ADD, da, db, dfp),
            GPUEXEC_ERR_INVALID_ARGUMENT);
  EXPECT_NE(std::string(gpuexec_last_error()).find("out holds fp"), std::string::npos)
      << gpuexec_last_error();
  EXPECT_EQ(gpuexec_fp_vec_op_device(ex, GPUEXEC_OP_ADD, da, db, dout),
            GPUEXEC_ERR_INVALID_ARGUMENT);
  const gpuexec_job job{GPUEXEC_OP_MUL, limbs(a), limbs(b), limbs(out), n};
  ASSERT_EQ(gpuexec_fr_run_batch(ex, &job, 1, GPUEXEC_SCHEDULE_PIPELINED), GPUEXEC_OK);
  for (std::size_t i = 0; i < n; ++i) ASSERT_EQ(out[i], fr::mul(a[i], b[i]));
  gpuexec_ticket* t = nullptr;
  ASSERT_EQ(gpuexec_fr_submit_batch(ex, &job, 1, GPUEXEC_SCHEDULE_SEQUENTIAL, &t), GPUEXEC_OK);
  EXPECT_EQ(gpuexec_ticket_wait(t), GPUEXEC_OK);
  gpuexec_ticket_destroy(t);
  for (gpuexec_device_vector* v : {da, db, dout, dfp}) gpuexec_device_vector_destroy(v);
  gpuexec_executor_destroy(ex);
}

}  // namespace
}  // namespace gpuexec::test
