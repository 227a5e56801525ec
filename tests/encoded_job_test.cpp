// Jobs on the file encoding (Executor::run_encoded): every op through the CPU backend's fused
// pass, the device's big-endian kernels (every variant, both data paths, several chunks, import)
// and the decode-run-encode fallback, against GMP on edge pairs and the reference on random
// vectors; the first non-canonical input is named by input and element on every path.
#include <gtest/gtest.h>

#include "backend/backend.hpp"
#include "cpu/cpu_backend.hpp"
#include "gmp_oracle.hpp"
#include "gpuexec/error.hpp"
#include "gpuexec/executor.hpp"
#include "gpuexec/fp_encoding.hpp"
#include "gpuexec/fp_samples.hpp"
#include "random_vectors.hpp"
#include "test_size.hpp"
#include "vulkan/persistent_backend.hpp"
#include "vulkan_fixture.hpp"

namespace gpuexec::test {
namespace {

std::vector<uint8_t> encode(const std::vector<Fp>& v) {
  std::vector<uint8_t> out(v.size() * kFpBytes);
  for (std::size_t i = 0; i < v.size(); ++i) {
    fp_to_be_bytes(v[i], std::span<uint8_t, kFpBytes>(out.data() + i * kFpBytes, kFpBytes));
  }
  return out;
}

// A backend without encoded kernels: the executor's fallback runs its jobs.
class PlainCpu final : public Backend {
 public:
  std::string name() const override { return "plain cpu"; }
  void run_job(const FieldJob& job) override { cpu_.run_job(job); }
  std::shared_ptr<VectorStorage> allocate(std::size_t n, FieldId field) override {
    return cpu_.allocate(n, field);
  }
  void run_resident(Op op, std::span<const VectorStorage* const> in, VectorStorage& out) override {
    cpu_.run_resident(op, in, out);
  }
  void ntt(std::span<Fr> data, unsigned log_n, const NttOptions& options) override {
    cpu_.ntt(data, log_n, options);
  }
  void ntt_resident(VectorStorage& data, unsigned log_n, const NttOptions& options) override {
    cpu_.ntt_resident(data, log_n, options);
  }
  std::shared_ptr<BasesStorage> upload_bases(std::span<const G1Affine> points,
                                             unsigned precompute) override {
    return cpu_.upload_bases(points, precompute);
  }
  void msm(const BasesStorage& bases, std::span<const Scalar> scalars,
           std::span<G1Jacobian> results) override {
    cpu_.msm(bases, scalars, results);
  }

 private:
  cpu::CpuBackend cpu_;
};

struct Vectors {
  std::vector<Fp> a, b, c;
};

Vectors edge_vectors() {
  Vectors v;
  fp_edge_pairs(v.a, v.b);
  const std::vector<Fp> edges = fp_edge_values();
  for (std::size_t i = 0; i < v.a.size(); ++i) v.c.push_back(edges[(i * 5) % edges.size()]);
  return v;
}

Vectors random_vectors(std::size_t n) {
  return {random_vector(n, n + 1), random_vector(n, n + 2), random_vector(n, n + 3)};
}

// GMP for the edge and small cases; the reference (itself checked against GMP) for the large.
std::vector<Fp> oracle_results(Op op, const Vectors& v) {
  std::vector<Fp> out(v.a.size());
  if (out.size() > 5000) {
    for (std::size_t i = 0; i < out.size(); ++i) {
      out[i] = apply(op, v.a[i], v.b[i], op == Op::Mad ? v.c[i] : fp::kZero);
    }
    return out;
  }
  GmpOracle g;
  for (std::size_t i = 0; i < out.size(); ++i) {
    switch (op) {
      case Op::Add:
        out[i] = g.add(v.a[i], v.b[i]);
        break;
      case Op::Sub:
        out[i] = g.sub(v.a[i], v.b[i]);
        break;
      case Op::Mul:
        out[i] = g.mul(v.a[i], v.b[i]);
        break;
      case Op::Mad:
        out[i] = g.add(g.mul(v.a[i], v.b[i]), v.c[i]);
        break;
    }
  }
  return out;
}

// Every op on v: into a fresh output and in place (out is a), equal to the oracle's bytes.
void expect_ops(Executor& ex, const Vectors& v, const std::string& what) {
  const std::vector<uint8_t> a = encode(v.a), b = encode(v.b), c = encode(v.c);
  for (Op op : kAllOps) {
    const std::vector<uint8_t> want = encode(oracle_results(op, v));
    const auto cc = op == Op::Mad ? std::span<const uint8_t>(c) : std::span<const uint8_t>();
    std::vector<uint8_t> out(a.size(), 0x5a);
    ex.run_encoded({op, a, b, out, cc});
    EXPECT_TRUE(out == want) << what << " " << op_name(op) << " n=" << v.a.size();
    std::vector<uint8_t> in_place = a;
    ex.run_encoded({op, in_place, b, in_place, cc});
    EXPECT_TRUE(in_place == want) << what << " in place " << op_name(op);
  }
}

// Non-canonical values planted in each input: the first (by element, then input) is named.
void expect_rejections(Executor& ex, std::size_t n) {
  const Vectors v = random_vectors(n);
  std::vector<uint8_t> a = encode(v.a), b = encode(v.b), c = encode(v.c), out(a.size());
  const auto plant = [](std::vector<uint8_t>& bytes, std::size_t i, uint8_t top) {
    bytes[i * kFpBytes] = top;  // 0x1a... = p's top byte: above p for these random tails
    for (std::size_t k = 1; k < kFpBytes; ++k) bytes[i * kFpBytes + k] = 0xff;
  };
  plant(c, n / 3, 0xff);
  plant(b, n / 2, 0x1a);
  plant(a, n - 1, 0x80);
  for (Op op : kAllOps) {
    const auto cc = op == Op::Mad ? std::span<const uint8_t>(c) : std::span<const uint8_t>();
    const std::size_t want_input = op == Op::Mad ? 2 : 1;
    const std::size_t want_index = op == Op::Mad ? n / 3 : n / 2;
    try {
      ex.run_encoded({op, a, b, out, cc});
      ADD_FAILURE() << ex.backend_name() << " " << op_name(op) << ": accepted a value >= p";
    } catch (const NonCanonicalInput& e) {
      EXPECT_EQ(e.input(), want_input) << op_name(op) << " " << e.what();
      EXPECT_EQ(e.index(), want_index) << op_name(op) << " " << e.what();
      EXPECT_EQ(e.code(), ErrorCode::NonCanonical);
    }
  }
}

void expect_all(Executor& ex, const std::string& what) {
  expect_ops(ex, edge_vectors(), what);
  for (std::size_t n : {1, 65, 5000}) expect_ops(ex, random_vectors(n), what);
  expect_rejections(ex, 3000);
}

TEST(EncodedJobs, CpuFusedPass) {
  Executor ex(std::make_unique<cpu::CpuBackend>());
  expect_all(ex, "cpu");
  if (small_tests()) return;
  expect_ops(ex, random_vectors(70000), "cpu threads");  // over parallel_for's threshold
  expect_rejections(ex, 70000);
}

TEST(EncodedJobs, FallbackThroughLimbs) {
  Executor ex(std::make_unique<PlainCpu>());
  expect_all(ex, "fallback");
  if (small_tests()) return;
  expect_ops(ex, random_vectors(270000), "fallback slices");  // more than one slice
  expect_rejections(ex, 270000);
}

TEST(EncodedJobs, SizesAndOverlapsAreChecked) {
  Executor ex(std::make_unique<cpu::CpuBackend>());
  std::vector<uint8_t> a(10 * kFpBytes), b(10 * kFpBytes), out(10 * kFpBytes), odd(47);
  EXPECT_THROW(ex.run_encoded({Op::Add, odd, b, out}), Error);
  EXPECT_THROW(ex.run_encoded({Op::Add, std::span(a).first(9 * kFpBytes), b, out}), Error);
  EXPECT_THROW(ex.run_encoded({Op::Mad, a, b, out}), Error);  // mad without c
  EXPECT_THROW(ex.run_encoded({Op::Add, a, std::span(out).first(9 * kFpBytes),
                               std::span(out).last(9 * kFpBytes)}),
               Error);
  try {
    ex.run_encoded({Op::Add, std::span(a).first(9 * kFpBytes), std::span(b).first(9 * kFpBytes),
                    std::span(a).last(9 * kFpBytes)});
    ADD_FAILURE() << "a partial overlap was accepted";
  } catch (const Error& e) {
    EXPECT_EQ(e.code(), ErrorCode::InvalidArgument);
    EXPECT_NE(std::string(e.what()).find("overlaps a partially"), std::string::npos) << e.what();
  }
  ex.run_encoded({Op::Add, {}, {}, {}});  // empty: nothing to do
}

struct EncodedCase {
  KernelVariant kernel;
  DataPath path;
  HostImport import;
};

class EncodedVulkan : public VulkanTest, public ::testing::WithParamInterface<EncodedCase> {};

TEST_P(EncodedVulkan, BigEndianKernels) {
  ExecutorOptions o = vk::on_device(-1);
  o.vulkan.kernel = GetParam().kernel;
  o.vulkan.data_path = GetParam().path;
  o.vulkan.host_import = GetParam().import;
  o.vulkan.chunk_elems = 2048;  // several chunks for the larger sizes
  Executor ex(std::make_unique<vk::PersistentBackend>(o, std::filesystem::path{}));
  expect_all(ex, ex.backend_name());
}

INSTANTIATE_TEST_SUITE_P(
    Variants, EncodedVulkan,
    ::testing::Values(EncodedCase{KernelVariant::U64, DataPath::HostVisible, HostImport::Off},
                      EncodedCase{KernelVariant::U64Vec, DataPath::DeviceLocal, HostImport::Off},
                      EncodedCase{KernelVariant::U32, DataPath::HostVisible, HostImport::Off},
                      EncodedCase{KernelVariant::U32, DataPath::Auto, HostImport::On},
                      EncodedCase{KernelVariant::U32Carry, DataPath::DeviceLocal, HostImport::Off},
                      EncodedCase{KernelVariant::U32Wide, DataPath::DeviceLocal, HostImport::Off},
                      EncodedCase{KernelVariant::U64Unrolled, DataPath::HostVisible,
                                  HostImport::Off},
                      EncodedCase{KernelVariant::U28Wide, DataPath::DeviceLocal, HostImport::Off}));

}  // namespace
}  // namespace gpuexec::test
