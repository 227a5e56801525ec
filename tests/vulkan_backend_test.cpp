// Both Vulkan backends against the CPU reference and GMP, across sizes that cross workgroup and
// chunk boundaries.
#include <gtest/gtest.h>

#include <random>

#include "gmp_oracle.hpp"
#include "gpuexec/error.hpp"
#include "gpuexec/executor.hpp"
#include "gpuexec/fp_samples.hpp"
#include "gpuexec/fr.hpp"
#include "random_vectors.hpp"
#include "spirv/kernel_catalog.hpp"
#include "spirv/kernel_variants.hpp"
#include "vulkan/one_shot_backend.hpp"
#include "vulkan/persistent_backend.hpp"
#include "vulkan/resident_ops.hpp"
#include "vulkan/resident_vector.hpp"
#include "vulkan_fixture.hpp"

namespace gpuexec::test {
namespace {

void expect_matches_reference(Backend& backend, std::size_t n) {
  const auto a = random_vector(n, 3 * n + 1), b = random_vector(n, 3 * n + 2);
  for (Op op : kBinaryOps) {
    std::vector<Fp> out(n);
    backend.run(op, a, b, out);
    std::size_t bad = 0;
    for (std::size_t i = 0; i < n; ++i) bad += !(out[i] == apply(op, a[i], b[i]));
    EXPECT_EQ(bad, 0u) << backend.name() << " " << op_name(op) << " n=" << n;
  }
}

class VulkanSizes : public VulkanTest, public ::testing::WithParamInterface<std::size_t> {};

TEST_P(VulkanSizes, PersistentMatchesReference) {
  vk::PersistentBackend backend(vk::on_device(-1), {});
  expect_matches_reference(backend, GetParam());
}

TEST_P(VulkanSizes, OneShotMatchesReference) {
  vk::OneShotBackend backend;
  expect_matches_reference(backend, GetParam());
}

INSTANTIATE_TEST_SUITE_P(Sizes, VulkanSizes,
                         ::testing::Values(1, 2, 63, 64, 65, 1000, 4097, 65537, 12345, 777));

class VulkanBackend : public VulkanTest {};

TEST_F(VulkanBackend, EdgePairsAgainstGmp) {
  GmpOracle oracle;
  std::vector<Fp> a, b;
  fp_edge_pairs(a, b);
  vk::PersistentBackend backend(vk::on_device(-1), {});
  std::vector<Fp> add(a.size()), sub(a.size()), mul(a.size());
  backend.run(Op::Add, a, b, add);
  backend.run(Op::Sub, a, b, sub);
  backend.run(Op::Mul, a, b, mul);
  for (std::size_t i = 0; i < a.size(); ++i) {
    ASSERT_EQ(add[i], oracle.add(a[i], b[i])) << i;
    ASSERT_EQ(sub[i], oracle.sub(a[i], b[i])) << i;
    ASSERT_EQ(mul[i], oracle.mul(a[i], b[i])) << i;
  }
}

TEST_F(VulkanBackend, ZeroElementsThroughExecutor) {
  Executor executor(ExecutorOptions{BackendKind::Vulkan, -1});
  std::vector<Fp> empty;
  executor.run(Op::Mul, empty, empty, empty);
  EXPECT_NE(executor.backend_name().find("vulkan"), std::string::npos);
}

TEST_F(VulkanBackend, ManyChunksAndAliasedOutput) {
  setenv("GPU_STREAM_CHUNK_ELEMS", "1000", 1);
  vk::PersistentBackend backend(vk::on_device(-1), {});
  unsetenv("GPU_STREAM_CHUNK_ELEMS");
  const std::size_t n = 10 * 1000 + 17;
  const auto a = random_vector(n, 5), b = random_vector(n, 6);
  std::vector<Fp> x = a;
  backend.run(Op::Mul, x, b, x);  // out aliases a
  for (std::size_t i = 0; i < n; ++i) ASSERT_EQ(x[i], fp::mul(a[i], b[i])) << i;
}

TEST_F(VulkanBackend, BadChunkSettingIsAClearError) {
  for (const char* bad : {"0", "abc", "-5", "12x", ""}) {
    setenv("GPU_STREAM_CHUNK_ELEMS", bad, 1);
    try {
      vk::PersistentBackend backend(vk::on_device(-1), {});
      ADD_FAILURE() << "accepted GPU_STREAM_CHUNK_ELEMS=" << bad;
    } catch (const Error& e) {
      EXPECT_EQ(e.code(), ErrorCode::InvalidArgument);
      EXPECT_NE(std::string(e.what()).find("GPU_STREAM_CHUNK_ELEMS"), std::string::npos);
    }
  }
  unsetenv("GPU_STREAM_CHUNK_ELEMS");
}

TEST_F(VulkanBackend, PersistentReusesItsPipelines) {
  vk::PersistentBackend backend(vk::on_device(-1), {});
  const auto a = random_vector(100, 1);
  std::vector<Fp> out(100);
  for (int i = 0; i < 5; ++i) backend.run(Op::Add, a, a, out);
  backend.run(Op::Mul, a, a, out);
  const auto stats = backend.pipeline_stats();
  EXPECT_EQ(stats.compiled, 2u);
  EXPECT_EQ(stats.reused, 4u);
}

TEST_F(VulkanBackend, DeviceSelectionByIndex) {
  vk::PersistentBackend backend(vk::on_device(0), {});
  EXPECT_EQ(backend.device_info().index, 0u);
  expect_matches_reference(backend, 100);
}

TEST_F(VulkanBackend, BadDeviceIndexIsAClearError) {
  try {
    vk::PersistentBackend backend(vk::on_device(57), {});
    FAIL() << "no error";
  } catch (const Error& e) {
    EXPECT_EQ(e.code(), ErrorCode::InvalidArgument);
    EXPECT_NE(std::string(e.what()).find("57"), std::string::npos) << e.what();
  }
  setenv("GPUEXEC_DEVICE", "x1", 1);
  EXPECT_THROW(vk::PersistentBackend(vk::on_device(-1), {}), Error);
  setenv("GPUEXEC_DEVICE", "99", 1);
  EXPECT_THROW(vk::PersistentBackend(vk::on_device(-1), {}), Error);
  setenv("GPUEXEC_DEVICE", "0", 1);
  EXPECT_NO_THROW(vk::PersistentBackend(vk::on_device(-1), {}));
  unsetenv("GPUEXEC_DEVICE");
}

// A kernel family, with its element-wise kernels' words staged through workgroup memory
// (GPUEXEC_COALESCED_IO=1) or not (=0, not the device's rule).
struct VariantCase {
  KernelVariant kernel;
  bool coalesced = false;
};

class KernelVariants : public VulkanTest, public ::testing::WithParamInterface<VariantCase> {
 protected:
  void SetUp() override {
    VulkanTest::SetUp();
    setenv("GPUEXEC_COALESCED_IO", GetParam().coalesced ? "1" : "0", 1);
  }
  void TearDown() override {
    unsetenv("GPUEXEC_COALESCED_IO");
    VulkanTest::TearDown();
  }
};

TEST_P(KernelVariants, EdgePairsAgainstGmpAndRandomSizes) {
  ExecutorOptions o = vk::on_device(-1);
  o.vulkan.kernel = GetParam().kernel;
  vk::PersistentBackend backend(o, {});
  // Specialization constant 1 (coalesced IO) as asked: the lavapipe workgroup memory holds it.
  vk::Device& device = backend.device();
  for (Op op : {Op::Add, Op::Mul, Op::Mad}) {
    const auto id = device.elementwise_id(op, spirv::ElementEncoding::Montgomery, FieldId::Fp);
    EXPECT_EQ(device.kernel(id).shape().spec, std::vector<uint32_t>{GetParam().coalesced});
  }
  GmpOracle oracle;
  std::vector<Fp> a, b;
  fp_edge_pairs(a, b);
  for (Op op : kBinaryOps) {
    std::vector<Fp> out(a.size());
    backend.run(op, a, b, out);
    for (std::size_t i = 0; i < a.size(); ++i) {
      const Fp want = op == Op::Add   ? oracle.add(a[i], b[i])
                      : op == Op::Sub ? oracle.sub(a[i], b[i])
                                      : oracle.mul(a[i], b[i]);
      ASSERT_EQ(out[i], want) << op_name(op) << " pair " << i;
    }
  }
  for (std::size_t n : {1, 63, 65, 4097, 65537}) expect_matches_reference(backend, n);
  EXPECT_EQ(backend.stats().kernel, spirv::find_variant(GetParam().kernel)->name);
}

// The Fr element-wise kernels of the variant (the catalog's, run on resident buffers): edge
// values (0, 1, r - 1, r - 2, the top limb's extremes) crossed, and random canonical pairs,
// against the reference arithmetic of fr.hpp.
TEST_P(KernelVariants, FrKernelsAgainstTheReference) {
  ExecutorOptions o = vk::on_device(-1);
  o.vulkan.kernel = GetParam().kernel;
  auto owned = std::make_unique<vk::PersistentBackend>(o, std::filesystem::path{});
  vk::PersistentBackend& backend = *owned;
  Executor ex(std::move(owned));
  const fr::Limbs r = fr::kModulus;
  const std::vector<Fr> edges = {Fr{},
                                 Fr{{1, 0, 0, 0}},
                                 Fr{{r[0] - 1, r[1], r[2], r[3]}},
                                 Fr{{r[0] - 2, r[1], r[2], r[3]}},
                                 fr::kOne,
                                 fr::kR2,
                                 Fr{{~0ULL, ~0ULL, ~0ULL, r[3] - 1}},
                                 Fr{{0, 0, 0, r[3]}}};
  std::vector<Fr> a, b;
  for (const Fr& x : edges) {
    for (const Fr& y : edges) {
      a.push_back(x);
      b.push_back(y);
    }
  }
  std::mt19937_64 rng(99);
  while (a.size() < 4097) {
    for (std::vector<Fr>* v : {&a, &b}) v->push_back(Fr{{rng(), rng(), rng(), rng() % r[3]}});
  }
  const std::size_t n = a.size(), fp_elems = (n * sizeof(Fr) + sizeof(Fp) - 1) / sizeof(Fp);
  DeviceVector da = ex.allocate(fp_elems), db = ex.allocate(fp_elems), dout = ex.allocate(fp_elems);
  const auto buffer = [](const DeviceVector& v) -> const vk::Buffer& {
    return static_cast<const vk::ResidentVector*>(v.storage())->buffer();
  };
  vk::Device& device = backend.device();
  const VkDeviceSize bytes = n * sizeof(Fr);
  const std::array<vk::BufferRange, 2> in{vk::BufferRange{buffer(da).handle(), 0, bytes},
                                          vk::BufferRange{buffer(db).handle(), 0, bytes}};
  auto lock = device.lock();
  vk::write_resident(device, buffer(da), std::as_bytes(std::span(a)));
  vk::write_resident(device, buffer(db), std::as_bytes(std::span(b)));
  for (Op op : kBinaryOps) {
    const auto id = spirv::elementwise_kernel(op, GetParam().kernel, FieldId::Fr);
    vk::run_resident(device, device.kernel(id), in, {buffer(dout).handle(), 0, bytes}, n,
                     sizeof(Fr));
    std::vector<Fr> out(n);
    vk::read_resident(device, buffer(dout), std::as_writable_bytes(std::span(out)));
    for (std::size_t i = 0; i < n; ++i) {
      const Fr want = op == Op::Add   ? fr::add(a[i], b[i])
                      : op == Op::Sub ? fr::sub(a[i], b[i])
                                      : fr::mul(a[i], b[i]);
      ASSERT_EQ(out[i], want) << op_name(op) << " pair " << i;
    }
  }
}

INSTANTIATE_TEST_SUITE_P(
    Kernels, KernelVariants,
    ::testing::Values(VariantCase{KernelVariant::U64}, VariantCase{KernelVariant::U64Vec},
                      VariantCase{KernelVariant::U32}, VariantCase{KernelVariant::U32Carry},
                      VariantCase{KernelVariant::U32Wide}, VariantCase{KernelVariant::U64Unrolled},
                      VariantCase{KernelVariant::U28Wide},
                      // 8-byte words, 16-byte words of u64 and of u32 limbs
                      VariantCase{KernelVariant::U64, true},
                      VariantCase{KernelVariant::U64Vec, true},
                      VariantCase{KernelVariant::U28Wide, true}),
    [](const auto& info) {
      return std::string(spirv::find_variant(info.param.kernel)->enumerator) +
             (info.param.coalesced ? "Coalesced" : "");
    });

TEST_F(VulkanBackend, KernelChoiceFromTheEnvironment) {
  setenv("GPUEXEC_KERNEL", "u32", 1);
  EXPECT_EQ(vk::PersistentBackend(vk::on_device(-1), {}).stats().kernel, "u32");
  setenv("GPUEXEC_KERNEL", "fast", 1);
  try {
    vk::PersistentBackend backend(vk::on_device(-1), {});
    ADD_FAILURE() << "accepted GPUEXEC_KERNEL=fast";
  } catch (const Error& e) {
    EXPECT_EQ(e.code(), ErrorCode::InvalidArgument);
    EXPECT_NE(std::string(e.what()).find("GPUEXEC_KERNEL"), std::string::npos);
  }
  unsetenv("GPUEXEC_KERNEL");
}

}  // namespace
}  // namespace gpuexec::test
