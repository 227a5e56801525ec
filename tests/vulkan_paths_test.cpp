// Both data paths, chunked streaming across boundaries, bindings beyond maxStorageBufferRange,
// and the statistics that say what happened.
#include <gtest/gtest.h>

#include <random>

#include "gpuexec/error.hpp"
#include "gpuexec/fp_samples.hpp"
#include "random_vectors.hpp"
#include "test_size.hpp"
#include "vulkan/persistent_backend.hpp"
#include "vulkan_fixture.hpp"

namespace gpuexec::test {
namespace {

ExecutorOptions options(DataPath path, std::size_t chunk) {
  ExecutorOptions o = vk::on_device(-1);
  o.vulkan.data_path = path;
  o.vulkan.chunk_elems = chunk;
  return o;
}

std::size_t mismatches(Op op, const std::vector<Fp>& a, const std::vector<Fp>& b,
                       const std::vector<Fp>& out) {
  std::size_t bad = 0;
  for (std::size_t i = 0; i < a.size(); ++i) bad += !(out[i] == apply(op, a[i], b[i]));
  return bad;
}

class VulkanPaths : public VulkanTest, public ::testing::WithParamInterface<DataPath> {};

TEST_P(VulkanPaths, SizesAcrossChunkBoundaries) {
  constexpr std::size_t kChunk = 1000;
  vk::PersistentBackend backend(options(GetParam(), kChunk), {});
  ASSERT_EQ(backend.device().settings().chunk_elems, kChunk);
  for (std::size_t n : {std::size_t{1}, kChunk - 1, kChunk, kChunk + 1, 2 * kChunk,
                        3 * kChunk + 517, std::size_t{10007}}) {
    const auto a = random_vector(n, n), b = random_vector(n, n + 7);
    for (Op op : kBinaryOps) {
      std::vector<Fp> out(n);
      backend.run(op, a, b, out);
      EXPECT_EQ(mismatches(op, a, b, out), 0u) << data_path_name(GetParam()) << " n=" << n;
    }
  }
  const auto s = backend.stats();
  EXPECT_EQ(s.jobs, 21u);
  EXPECT_EQ(GetParam() == DataPath::DeviceLocal ? s.device_local_jobs : s.host_visible_jobs, 21u);
  // Chunks: 1+1+1+2+2+4+11 per op.
  EXPECT_EQ(s.chunks, 3u * (1 + 1 + 1 + 2 + 2 + 4 + 11));
}

TEST_P(VulkanPaths, TwoToTheTwentyOnePlusSeventeenWithSmallChunks) {
  GPUEXEC_SKIP_IF_SMALL();
  const std::size_t n = (std::size_t{1} << 21) + 17;
  vk::PersistentBackend backend(options(GetParam(), 1 << 16), {});
  const auto a = random_vector(n, 21), b = random_vector(n, 22);
  std::vector<Fp> out(n);
  backend.run(Op::Mul, a, b, out);
  EXPECT_EQ(mismatches(Op::Mul, a, b, out), 0u);
  EXPECT_EQ(backend.stats().chunks, 33u);
}

INSTANTIATE_TEST_SUITE_P(Paths, VulkanPaths,
                         ::testing::Values(DataPath::HostVisible, DataPath::DeviceLocal),
                         [](const auto& info) {
                           return info.param == DataPath::HostVisible ? "HostVisible"
                                                                      : "DeviceLocal";
                         });

class VulkanStreaming : public VulkanTest {};

TEST_F(VulkanStreaming, VectorsBeyondMaxStorageBufferRange) {
  GPUEXEC_SKIP_IF_SMALL();
  ExecutorOptions o = options(DataPath::Auto, std::size_t{1} << 30);
  o.vulkan.host_import = HostImport::Off;  // the streamed path (host_import_test covers imports)
  vk::PersistentBackend backend(o, {});
  const std::size_t max_binding = backend.device_info().limits.maxStorageBufferRange / sizeof(Fp);
  EXPECT_LE(backend.device().settings().chunk_elems, max_binding);
  const std::size_t n = max_binding + max_binding / 10 + 3;  // > 128 MiB per vector on lavapipe
  ASSERT_GT(n * sizeof(Fp), std::size_t{128} << 20);
  const auto a = random_vector(n, 31), b = random_vector(n, 32);
  std::vector<Fp> out(n);
  backend.run(Op::Add, a, b, out);
  EXPECT_EQ(mismatches(Op::Add, a, b, out), 0u);
  EXPECT_GE(backend.stats().chunks, 2u);
}

TEST_F(VulkanStreaming, EnvironmentChoosesThePath) {
  setenv("GPU_DEVICE_LOCAL", "1", 1);
  {
    vk::PersistentBackend backend(vk::on_device(-1), {});
    const auto a = random_vector(100, 1);
    std::vector<Fp> out(100);
    backend.run(Op::Sub, a, a, out);
    EXPECT_TRUE(fp::is_zero(out[99]));
    EXPECT_EQ(backend.stats().device_local_jobs, 1u);
  }
  setenv("GPU_DEVICE_LOCAL", "0", 1);
  {
    vk::PersistentBackend backend(vk::on_device(-1), {});
    const auto a = random_vector(100, 1);
    std::vector<Fp> out(100);
    backend.run(Op::Sub, a, a, out);
    EXPECT_EQ(backend.stats().host_visible_jobs, 1u);
  }
  for (const char* bad : {"2", "yes", "true", " 1"}) {
    setenv("GPU_DEVICE_LOCAL", bad, 1);
    try {
      vk::PersistentBackend backend(vk::on_device(-1), {});
      ADD_FAILURE() << "accepted GPU_DEVICE_LOCAL=" << bad;
    } catch (const Error& e) {
      EXPECT_EQ(e.code(), ErrorCode::InvalidArgument);
      EXPECT_NE(std::string(e.what()).find("GPU_DEVICE_LOCAL"), std::string::npos);
    }
  }
  unsetenv("GPU_DEVICE_LOCAL");
}

// GPUEXEC_HOST_INPUT_MEMORY=cached puts the inputs the host writes in host-cached memory (an
// experiment switch for discrete GPUs); exact on both paths, and a bad value is a clear error.
TEST_F(VulkanStreaming, HostInputMemorySwitch) {
  const std::size_t n = 40000;
  const auto a = random_vector(n, 1), b = random_vector(n, 2);
  ::setenv("GPUEXEC_HOST_INPUT_MEMORY", "cached", 1);
  for (DataPath path : {DataPath::HostVisible, DataPath::DeviceLocal}) {
    vk::PersistentBackend backend(options(path, 16384), "");
    std::vector<Fp> out(n);
    backend.run(Op::Mul, a, b, out);
    EXPECT_EQ(mismatches(Op::Mul, a, b, out), 0u);
  }
  ::setenv("GPUEXEC_HOST_INPUT_MEMORY", "bar", 1);
  try {
    vk::PersistentBackend backend(options(DataPath::Auto, 0), "");
    ADD_FAILURE() << "no error";
  } catch (const Error& e) {
    EXPECT_EQ(e.code(), ErrorCode::InvalidArgument);
    EXPECT_NE(std::string(e.what()).find("GPUEXEC_HOST_INPUT_MEMORY=bar"), std::string::npos);
  }
  ::unsetenv("GPUEXEC_HOST_INPUT_MEMORY");
}

// GPUEXEC_LOCAL_SIZE sets the workgroup size (tuning): exact at odd sizes and at the limit.
TEST_F(VulkanStreaming, WorkgroupSizeSwitch) {
  const std::size_t n = 5003;
  const auto a = random_vector(n, 3), b = random_vector(n, 4);
  for (const char* local : {"1", "32", "100", "4096"}) {
    ::setenv("GPUEXEC_LOCAL_SIZE", local, 1);
    vk::PersistentBackend backend(options(DataPath::Auto, 0), "");
    for (Op op : {Op::Add, Op::Sub, Op::Mul}) {
      std::vector<Fp> out(n);
      backend.run(op, a, b, out);
      EXPECT_EQ(mismatches(op, a, b, out), 0u) << local;
    }
  }
  ::setenv("GPUEXEC_LOCAL_SIZE", "0", 1);
  EXPECT_THROW(vk::PersistentBackend(options(DataPath::Auto, 0), ""), Error);
  ::unsetenv("GPUEXEC_LOCAL_SIZE");
}

TEST_F(VulkanStreaming, StatisticsMatchWhatHappened) {
  vk::PersistentBackend backend(options(DataPath::HostVisible, 0), {});
  const auto a = random_vector(20000, 3);
  std::vector<Fp> out(20000);
  auto run = [&](Op op, std::size_t n) {
    backend.run(op, std::span(a).first(n), std::span(a).first(n), std::span(out).first(n));
  };
  run(Op::Add, 100);    // bucket 16K: miss
  run(Op::Add, 100);    // hit
  run(Op::Mul, 16384);  // hit, exactly the bucket
  run(Op::Add, 20000);  // bucket 32K: miss
  const auto s = backend.stats();
  EXPECT_EQ(s.jobs, 4u);
  EXPECT_EQ(s.elements, 100u + 100 + 16384 + 20000);
  EXPECT_EQ(s.chunks, 4u);
  EXPECT_EQ(s.pipelines_compiled, 2u);
  EXPECT_EQ(s.pipelines_reused, 2u);
  EXPECT_EQ(s.bucket_misses, 2u);
  EXPECT_EQ(s.bucket_hits, 2u);
  EXPECT_EQ(s.exact_size_entries, 1u);
  ASSERT_EQ(s.buckets.size(), 2u);
  EXPECT_EQ(s.buckets[0].elements, 16384u);
  EXPECT_EQ(s.buckets[1].elements, 32768u);
  EXPECT_EQ(s.buckets[0].path, "host-visible");
  // Two slots' buffers (A||B and C each), suballocated: one block per memory type used (A||B
  // and C may be of different types, as on discrete GPUs), not one per buffer.
  EXPECT_EQ(s.pool_misses, 4u);
  EXPECT_LE(s.memory_blocks, 2u);
  EXPECT_EQ(s.memory_vk_allocations, s.memory_blocks);
  EXPECT_GT(s.memory_bytes_in_use, 0u);
}

TEST_F(VulkanStreaming, WarmUpCompilesEveryKernelInTheBackground) {
  ExecutorOptions o = vk::on_device(-1);
  o.vulkan.warm_up = true;
  vk::PersistentBackend backend(o, {});
  const auto a = random_vector(10, 9);
  std::vector<Fp> out(10);
  backend.run(Op::Mul, a, a, out);  // may overlap the warm-up
  backend.device().wait_for_warm_up();
  backend.run(Op::Add, a, a, out);
  backend.run(Op::Sub, a, a, out);
  const auto s = backend.stats();
  EXPECT_EQ(s.pipelines_compiled, 3u);  // never twice, whoever got there first
  EXPECT_EQ(s.pipelines_compiled + s.pipelines_reused, 6u);
}

}  // namespace
}  // namespace gpuexec::test
