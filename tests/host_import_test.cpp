// Jobs on the caller's memory, imported into the device (VK_EXT_external_memory_host, which
// lavapipe has): every op and kernel variant, in place, bindings beyond maxStorageBufferRange,
// batches mixing imported and streamed jobs, and the fallback for memory the kernel cannot bind.
#include <gtest/gtest.h>

#include "gpuexec/executor.hpp"
#include "random_vectors.hpp"
#include "vulkan/host_import.hpp"
#include "vulkan/persistent_backend.hpp"
#include "vulkan_fixture.hpp"

namespace gpuexec::test {
namespace {

class HostImport : public VulkanTest {
 protected:
  static ExecutorOptions options(gpuexec::HostImport import, KernelVariant kernel) {
    ExecutorOptions o = vk::on_device(-1);
    o.vulkan.host_import = import;
    o.vulkan.kernel = kernel;
    return o;
  }
  static void expect_job(Executor& ex, Op op, std::size_t n) {
    const auto a = random_vector(n, n + 1), b = random_vector(n, n + 2),
               c = random_vector(n, n + 3);
    std::vector<Fp> out(n);
    ex.run(Job{op, a, b, out, op == Op::Mad ? std::span<const Fp>(c) : std::span<const Fp>()});
    std::size_t bad = 0;
    for (std::size_t i = 0; i < n; ++i) bad += !(out[i] == apply(op, a[i], b[i], c[i]));
    EXPECT_EQ(bad, 0u) << op_name(op) << " n=" << n;
  }
};

TEST_F(HostImport, EveryOpAndVariantOnTheCallersMemory) {
  for (KernelVariant v :
       {KernelVariant::U64, KernelVariant::U64Vec, KernelVariant::U32, KernelVariant::U32Carry,
        KernelVariant::U32Wide, KernelVariant::U64Unrolled, KernelVariant::U28Wide}) {
    auto backend = std::make_unique<vk::PersistentBackend>(options(gpuexec::HostImport::On, v),
                                                           std::filesystem::path{});
    const bool copies = backend->device().settings().import_copies;  // discrete GPUs
    Executor ex(std::move(backend));
    uint64_t jobs = 0;
    for (Op op : kAllOps) {
      for (std::size_t n : {1, 65, 4097, 70000}) {
        expect_job(ex, op, n);
        ++jobs;
      }
    }
    EXPECT_EQ(ex.stats().imported_jobs, jobs);
    // Bound to the kernels, nothing went through the chunk slots; the copy engine uses them.
    if (copies) {
      EXPECT_GT(ex.stats().chunks, 0u);
    } else {
      EXPECT_EQ(ex.stats().chunks, 0u);
    }
  }
}

// The copy engine's path (DMA from the imported arrays through device-local slots, the rule on
// discrete GPUs), here forced on lavapipe: every op, several chunks, in place, split queues.
TEST_F(HostImport, CopyEngineMovesTheImportedArrays) {
  for (bool split : {false, true}) {
    if (split) setenv("GPUEXEC_SPLIT_QUEUES", "1", 1);
    ExecutorOptions o = options(gpuexec::HostImport::Copy, KernelVariant::Auto);
    o.vulkan.chunk_elems = 4096;
    Executor ex(std::make_unique<vk::PersistentBackend>(o, std::filesystem::path{}));
    uint64_t jobs = 0;
    for (Op op : kAllOps) {
      for (std::size_t n : {1, 4097, 20000}) {
        expect_job(ex, op, n);
        ++jobs;
      }
    }
    auto a = random_vector(9000, 3);
    const auto b = random_vector(9000, 4);
    std::vector<Fp> want(a.size());
    for (std::size_t i = 0; i < a.size(); ++i) want[i] = fp::mul(a[i], b[i]);
    ex.run(Op::Mul, a, b, a);  // out is a
    EXPECT_EQ(a, want);
    EXPECT_EQ(ex.stats().imported_jobs, jobs + 1);
    EXPECT_EQ(ex.stats().device_local_jobs, jobs + 1);
    EXPECT_GT(ex.stats().chunks, jobs);  // through the slots, in chunks
    unsetenv("GPUEXEC_SPLIT_QUEUES");
  }
}

TEST_F(HostImport, BindIsTheKernelReadingInPlace) {
  Executor ex(std::make_unique<vk::PersistentBackend>(
      options(gpuexec::HostImport::Bind, KernelVariant::Auto), std::filesystem::path{}));
  expect_job(ex, Op::Mad, 5000);
  EXPECT_EQ(ex.stats().imported_jobs, 1u);
  EXPECT_EQ(ex.stats().chunks, 0u);
}

TEST_F(HostImport, InPlaceAndBeyondOneBinding) {
  Executor ex(std::make_unique<vk::PersistentBackend>(
      options(gpuexec::HostImport::On, KernelVariant::Auto), std::filesystem::path{}));
  const std::size_t n = 3'000'000;  // 137 MiB a vector: more than lavapipe's 128 MiB binding
  auto a = random_vector(n, 5);
  const auto b = random_vector(n, 6);
  std::vector<Fp> want(n);
  for (std::size_t i = 0; i < n; ++i) want[i] = fp::add(a[i], b[i]);
  ex.run(Op::Add, a, b, a);  // out is a
  EXPECT_EQ(ex.stats().imported_jobs, 1u);
  std::size_t bad = 0;
  for (std::size_t i = 0; i < n; ++i) bad += !(a[i] == want[i]);
  EXPECT_EQ(bad, 0u);
}

// An empty range imports nothing, even at a page boundary (where it once asked the driver for
// a buffer of 0 bytes, a validation error on the H100).
TEST_F(HostImport, EmptyRangesImportNothing) {
  vk::PersistentBackend backend(options(gpuexec::HostImport::On, KernelVariant::Auto), {});
  std::vector<std::byte> pages(3 * 65536);
  const std::size_t align = 65536;
  void* at = pages.data() + (align - reinterpret_cast<std::uintptr_t>(pages.data()) % align);
  const vk::ImportedHostMemory none(backend.logical_device(), at, 0);
  EXPECT_FALSE(none.valid());
}

// Arrays no binding may start at: staged where the kernels would bind them, imported where the
// copy engine moves them (discrete GPUs: a copy may start anywhere).
TEST_F(HostImport, MisalignedArraysFallBackToTheStagedPaths) {
  auto backend = std::make_unique<vk::PersistentBackend>(
      options(gpuexec::HostImport::On, KernelVariant::Auto), std::filesystem::path{});
  const bool copies = backend->device().settings().import_copies;
  Executor ex(std::move(backend));
  const std::size_t n = 1000;
  // 8-byte aligned but not 16: no binding may start there.
  std::vector<uint64_t> storage(6 * (n + 1) + 1);
  auto* base = reinterpret_cast<Fp*>(storage.data() + 1);
  if (reinterpret_cast<std::uintptr_t>(base) % 16 == 0)
    base = reinterpret_cast<Fp*>(storage.data());
  ASSERT_NE(reinterpret_cast<std::uintptr_t>(base) % 16, 0u);
  const auto a = random_vector(n, 7), b = random_vector(n, 8);
  std::copy(a.begin(), a.end(), base);
  std::vector<Fp> out(n);
  ex.run(Op::Mul, std::span<const Fp>(base, n), b, out);
  for (std::size_t i = 0; i < n; ++i) ASSERT_EQ(out[i], fp::mul(a[i], b[i])) << i;
  EXPECT_EQ(ex.stats().imported_jobs, copies ? 1u : 0u);
  EXPECT_EQ(ex.stats().jobs, 1u);
}

// Auto imports on devices that share the host's memory; discrete GPUs stage (docs/API.md).
TEST_F(HostImport, AutoImportsLargeJobsOfABatchAndStreamsTheSmallOnes) {
  auto backend = std::make_unique<vk::PersistentBackend>(
      options(gpuexec::HostImport::Auto, KernelVariant::Auto), std::filesystem::path{});
  const bool discrete = backend->device().settings().staging_pays;
  Executor ex(std::move(backend));
  const std::size_t big = kHostImportMinElems + 5, small = 1000;
  const auto a = random_vector(big, 9), b = random_vector(big, 10);
  std::vector<Fp> o1(big), o2(small), o3(big);
  const std::vector<Job> jobs = {
      Job{Op::Mul, a, b, o1},
      Job{Op::Sub, std::span(a).first(small), std::span(b).first(small), o2},
      Job{Op::Mad, a, b, o3, a}};
  ex.run_batch(jobs);
  for (std::size_t i = 0; i < big; ++i) {
    ASSERT_EQ(o1[i], fp::mul(a[i], b[i])) << i;
    ASSERT_EQ(o3[i], apply(Op::Mad, a[i], b[i], a[i])) << i;
    if (i < small) {
      ASSERT_EQ(o2[i], fp::sub(a[i], b[i])) << i;
    }
  }
  EXPECT_EQ(ex.stats().imported_jobs, discrete ? 0u : 2u);
  EXPECT_EQ(ex.stats().jobs, 3u);
}

TEST_F(HostImport, OffAndForcedPathsNeverImport) {
  for (auto [import, path] : {std::pair{gpuexec::HostImport::Off, DataPath::Auto},
                              std::pair{gpuexec::HostImport::On, DataPath::DeviceLocal}}) {
    ExecutorOptions o = options(import, KernelVariant::Auto);
    o.vulkan.data_path = path;
    Executor ex(std::make_unique<vk::PersistentBackend>(o, std::filesystem::path{}));
    expect_job(ex, Op::Add, 100000);
    EXPECT_EQ(ex.stats().imported_jobs, 0u);
  }
}

}  // namespace
}  // namespace gpuexec::test
