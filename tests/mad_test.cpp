// out = a*b + c: the kernel of another shape (three inputs), through every backend, kernel
// variant and data path, host arrays, device vectors, async and batches, the C ABI and the CLI;
// checked against GMP on edge triples and the reference on random vectors.
#include <gtest/gtest.h>

#include "cli_harness.hpp"
#include "cpu/cpu_backend.hpp"
#include "gmp_oracle.hpp"
#include "gpuexec/error.hpp"
#include "gpuexec/executor.hpp"
#include "gpuexec/fp_encoding.hpp"
#include "gpuexec/fp_samples.hpp"
#include "gpuexec/gpuexec.h"
#include "random_vectors.hpp"
#include "vulkan/persistent_backend.hpp"
#include "vulkan_fixture.hpp"

namespace gpuexec::test {
namespace {

std::string encode_hex(const std::vector<Fp>& v) {
  std::string s;
  for (const Fp& x : v) s += fp_to_hex(x) + "\n";
  return s;
}

struct Triples {
  std::vector<Fp> a, b, c;
};

// Every edge pair, with c running through the edge values too.
Triples edge_triples() {
  Triples t;
  fp_edge_pairs(t.a, t.b);
  const std::vector<Fp> edges = fp_edge_values();
  for (std::size_t i = 0; i < t.a.size(); ++i) t.c.push_back(edges[(i * 7) % edges.size()]);
  return t;
}

void expect_mad(Executor& ex, const Triples& t, const char* what) {
  GmpOracle oracle;
  std::vector<Fp> out(t.a.size());
  ex.mad(t.a, t.b, t.c, out);
  for (std::size_t i = 0; i < out.size(); ++i) {
    ASSERT_EQ(out[i], oracle.add(oracle.mul(t.a[i], t.b[i]), t.c[i])) << what << " " << i;
  }
}

void expect_random_mad(Executor& ex, std::size_t n) {
  const auto a = random_vector(n, n + 11), b = random_vector(n, n + 12),
             c = random_vector(n, n + 13);
  std::vector<Fp> out(n);
  ex.mad(a, b, c, out);
  std::size_t bad = 0;
  for (std::size_t i = 0; i < n; ++i) bad += !(out[i] == apply(Op::Mad, a[i], b[i], c[i]));
  EXPECT_EQ(bad, 0u) << ex.backend_name() << " n=" << n;
}

TEST(MadCpu, EdgeTriplesAndRandom) {
  Executor ex(std::make_unique<cpu::CpuBackend>());
  expect_mad(ex, edge_triples(), "cpu");
  expect_random_mad(ex, 1000);
  const auto x = random_vector(3, 1);
  std::vector<Fp> out(3);
  EXPECT_THROW(ex.run(Op::Mad, x, x, out), Error);  // mad takes c: Executor::mad
}

struct MadCase {
  KernelVariant kernel;
  DataPath path;
  bool split;
  bool coalesced = false;  // GPUEXEC_COALESCED_IO=1
};

class MadVulkan : public VulkanTest, public ::testing::WithParamInterface<MadCase> {
 protected:
  void SetUp() override {
    VulkanTest::SetUp();
    if (GetParam().split) setenv("GPUEXEC_SPLIT_QUEUES", "1", 1);
    if (GetParam().coalesced) setenv("GPUEXEC_COALESCED_IO", "1", 1);
  }
  void TearDown() override {
    unsetenv("GPUEXEC_SPLIT_QUEUES");
    unsetenv("GPUEXEC_COALESCED_IO");
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

TEST_P(MadVulkan, EdgeTriplesRandomSizesDeviceVectorsAsyncAndBatches) {
  Executor ex = make();
  expect_mad(ex, edge_triples(), "vulkan");
  for (std::size_t n : {1, 65, 16384, 40000}) expect_random_mad(ex, n);

  // Device vectors: out = a*b + c, then in place (out is c).
  const std::size_t n = 5000;
  const auto a = random_vector(n, 21), b = random_vector(n, 22), c = random_vector(n, 23);
  DeviceVector da = ex.upload(a), db = ex.upload(b), dc = ex.upload(c), dout = ex.allocate(n);
  ex.mad(da, db, dc, dout);
  ex.mad(da, db, dc, dc);
  const std::vector<Fp> got = dout.to_host(), in_place = dc.to_host();
  for (std::size_t i = 0; i < n; ++i) {
    ASSERT_EQ(got[i], apply(Op::Mad, a[i], b[i], c[i])) << i;
    ASSERT_EQ(in_place[i], got[i]) << i;
  }

  // Async, and a pipelined batch mixing mad with the two-input ops.
  std::vector<Fp> out1(n), out2(n), out3(n);
  ex.submit(Job{Op::Mad, a, b, out1, c}).get();
  const std::vector<Job> batch = {Job{Op::Mul, a, b, out2}, Job{Op::Mad, b, c, out3, a}};
  ex.run_batch(batch);
  for (std::size_t i = 0; i < n; ++i) {
    ASSERT_EQ(out1[i], got[i]) << i;
    ASSERT_EQ(out2[i], fp::mul(a[i], b[i])) << i;
    ASSERT_EQ(out3[i], apply(Op::Mad, b[i], c[i], a[i])) << i;
  }
  const std::vector<Fp> short_c(n - 1);
  EXPECT_THROW(ex.mad(a, b, short_c, out1), Error);
}

INSTANTIATE_TEST_SUITE_P(
    Variants, MadVulkan,
    ::testing::Values(MadCase{KernelVariant::U64, DataPath::HostVisible, false},
                      MadCase{KernelVariant::U64Vec, DataPath::DeviceLocal, false},
                      MadCase{KernelVariant::U32, DataPath::HostVisible, false},
                      MadCase{KernelVariant::U32, DataPath::DeviceLocal, true},
                      MadCase{KernelVariant::U64Vec, DataPath::DeviceLocal, true},
                      MadCase{KernelVariant::U32Carry, DataPath::DeviceLocal, false},
                      MadCase{KernelVariant::U32Wide, DataPath::DeviceLocal, false},
                      MadCase{KernelVariant::U64Unrolled, DataPath::HostVisible, false},
                      MadCase{KernelVariant::U28Wide, DataPath::DeviceLocal, false},
                      MadCase{KernelVariant::U64, DataPath::HostVisible, false, true},
                      MadCase{KernelVariant::U28Wide, DataPath::DeviceLocal, false, true}));

class MadCApi : public VulkanTest {};

TEST_F(MadCApi, HostArraysAndDeviceVectors) {
  gpuexec_executor* ex = nullptr;
  ASSERT_EQ(gpuexec_executor_create(GPUEXEC_BACKEND_VULKAN, -1, &ex), GPUEXEC_OK);
  const std::size_t n = 300;
  const auto a = random_vector(n, 31), b = random_vector(n, 32), c = random_vector(n, 33);
  std::vector<Fp> out(n);
  const auto limbs = [](const std::vector<Fp>& v) { return v.front().limbs.data(); };
  ASSERT_EQ(gpuexec_fp_vec_mad(ex, limbs(a), limbs(b), limbs(c), out.front().limbs.data(), n),
            GPUEXEC_OK);
  for (std::size_t i = 0; i < n; ++i) ASSERT_EQ(out[i], apply(Op::Mad, a[i], b[i], c[i])) << i;

  gpuexec_device_vector *da, *db, *dc, *dout;
  ASSERT_EQ(gpuexec_device_vector_upload(ex, limbs(a), n, &da), GPUEXEC_OK);
  ASSERT_EQ(gpuexec_device_vector_upload(ex, limbs(b), n, &db), GPUEXEC_OK);
  ASSERT_EQ(gpuexec_device_vector_upload(ex, limbs(c), n, &dc), GPUEXEC_OK);
  ASSERT_EQ(gpuexec_device_vector_create(ex, n, &dout), GPUEXEC_OK);
  ASSERT_EQ(gpuexec_fp_vec_mad_device(ex, da, db, dc, dout), GPUEXEC_OK);
  std::vector<Fp> back(n);
  ASSERT_EQ(gpuexec_device_vector_read(dout, back.front().limbs.data(), n), GPUEXEC_OK);
  EXPECT_EQ(back, out);

  // MAD through the two-input calls is refused, with a message saying what to call.
  EXPECT_EQ(gpuexec_fp_vec_op(ex, GPUEXEC_OP_MAD, limbs(a), limbs(b), out.front().limbs.data(), n),
            GPUEXEC_ERR_INVALID_ARGUMENT);
  EXPECT_NE(std::string(gpuexec_last_error()).find("gpuexec_fp_vec_mad"), std::string::npos);
  // Non-canonical c is refused by the same check as a and b.
  std::vector<Fp> bad = c;
  bad[7].limbs = fp::kModulus;
  EXPECT_EQ(gpuexec_fp_vec_mad(ex, limbs(a), limbs(b), limbs(bad), out.front().limbs.data(), n),
            GPUEXEC_ERR_NON_CANONICAL);
  EXPECT_NE(std::string(gpuexec_last_error()).find("c[7]"), std::string::npos);
  for (auto* v : {da, db, dc, dout}) gpuexec_device_vector_destroy(v);
  gpuexec_executor_destroy(ex);
}

TEST(MadCli, RunWithCAndItsErrors) {
  ScratchDir dir;
  const auto write = [&](const char* name, const std::vector<Fp>& v) {
    write_bytes(dir.path(name), encode_hex(v));
    return dir.file(name);
  };
  const auto a = random_vector(50, 41), b = random_vector(50, 42), c = random_vector(50, 43);
  const std::string fa = write("a.hex", a), fb = write("b.hex", b), fc = write("c.hex", c);
  const std::string out = dir.file("out.hex");
  for (const char* backend : {"cpu", "auto"}) {
    const CliResult r = run_cli({"run", "--op", "mad", "--a", fa, "--b", fb, "--c", fc, "--out",
                                 out, "--backend", backend});
    ASSERT_EQ(r.exit_code, 0) << r.err;
    std::vector<Fp> want(50);
    for (std::size_t i = 0; i < 50; ++i) want[i] = apply(Op::Mad, a[i], b[i], c[i]);
    EXPECT_EQ(read_bytes(out), encode_hex(want)) << backend;
  }
  EXPECT_EQ(run_cli({"run", "--op", "mad", "--a", fa, "--b", fb, "--out", out}).exit_code, 2);
  EXPECT_EQ(
      run_cli({"run", "--op", "add", "--a", fa, "--b", fb, "--c", fc, "--out", out}).exit_code, 2);
  const std::string short_c = write("short.hex", random_vector(49, 44));
  const CliResult r =
      run_cli({"run", "--op", "mad", "--a", fa, "--b", fb, "--c", short_c, "--out", out});
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_NE(r.err.find("short.hex: element 49"), std::string::npos) << r.err;
}

}  // namespace
}  // namespace gpuexec::test
