// The CPU backend over sizes around its threading threshold, with aliasing outputs.
#include <gtest/gtest.h>

#include <atomic>
#include <thread>

#include <random>

#include "cpu/copy_pool.hpp"
#include "cpu/cpu_backend.hpp"
#include "cpu/parallel_copy.hpp"
#include "cpu/parallel_for.hpp"
#include "gpuexec/error.hpp"
#include "gpuexec/executor.hpp"
#include "gpuexec/fp_samples.hpp"
#include "random_vectors.hpp"

namespace gpuexec {
namespace {

using test::random_vector;

class CpuBackendSizes : public ::testing::TestWithParam<std::size_t> {};

TEST_P(CpuBackendSizes, EveryOpMatchesReference) {
  const std::size_t n = GetParam();
  const auto a = random_vector(n, n), b = random_vector(n, n + 1);
  Executor executor(ExecutorOptions{BackendKind::Cpu, -1});
  EXPECT_EQ(executor.backend_name(), "cpu");
  for (Op op : kBinaryOps) {
    std::vector<Fp> out(n);
    executor.run(op, a, b, out);
    for (std::size_t i = 0; i < n; ++i) ASSERT_EQ(out[i], apply(op, a[i], b[i])) << i;
  }
}

INSTANTIATE_TEST_SUITE_P(Sizes, CpuBackendSizes,
                         ::testing::Values(0, 1, 2, 63, cpu::kParallelThreshold - 1,
                                           cpu::kParallelThreshold, cpu::kParallelThreshold + 1,
                                           100001));

TEST(CpuBackend, OutputMayAliasInputs) {
  const std::size_t n = 50000;
  const auto a = random_vector(n, 1), b = random_vector(n, 2);
  Executor executor(ExecutorOptions{BackendKind::Cpu, -1});
  std::vector<Fp> x = a;
  executor.run(Op::Mul, x, b, x);
  std::vector<Fp> y = b;
  executor.run(Op::Sub, a, y, y);
  for (std::size_t i = 0; i < n; ++i) {
    ASSERT_EQ(x[i], fp::mul(a[i], b[i]));
    ASSERT_EQ(y[i], fp::sub(a[i], b[i]));
  }
}

TEST(CpuBackend, SizeMismatchIsInvalidArgument) {
  Executor executor(ExecutorOptions{BackendKind::Cpu, -1});
  std::vector<Fp> a(3), b(2), out(3);
  try {
    executor.run(Op::Add, a, b, out);
    FAIL() << "no error";
  } catch (const Error& e) {
    EXPECT_EQ(e.code(), ErrorCode::InvalidArgument);
  }
}

TEST(ParallelCopy, CopiesEveryByteAtAnySize) {
  for (std::size_t bytes : {std::size_t{0}, std::size_t{1}, cpu::kParallelCopyMin - 1,
                            cpu::kParallelCopyMin, std::size_t{37} << 20 | 4093}) {
    std::vector<unsigned char> src(bytes + 3), dst(bytes + 3, 0);
    for (std::size_t i = 0; i < src.size(); ++i) src[i] = static_cast<unsigned char>(i * 7 + 1);
    cpu::parallel_copy(dst.data() + 1, src.data() + 3, bytes);  // unaligned both sides
    ASSERT_EQ(dst[0], 0);
    for (std::size_t i = 0; i < bytes; ++i) ASSERT_EQ(dst[i + 1], src[i + 3]) << i;
    ASSERT_EQ(dst[bytes + 1], 0);
  }
}

TEST(ParallelCopy, SeveralRegionsInOneRun) {
  for (std::size_t bytes : {std::size_t{100}, std::size_t{300} << 10, std::size_t{5} << 20 | 7}) {
    std::vector<unsigned char> src(2 * bytes), dst(2 * bytes + 2, 0);
    for (std::size_t i = 0; i < src.size(); ++i) src[i] = static_cast<unsigned char>(i * 13 + 5);
    cpu::parallel_copy({{dst.data() + 1, src.data() + bytes, bytes},  // swapped halves
                        {dst.data() + 1 + bytes, src.data(), bytes}});
    ASSERT_EQ(dst[0], 0);
    for (std::size_t i = 0; i < bytes; ++i) {
      ASSERT_EQ(dst[1 + i], src[bytes + i]) << i;
      ASSERT_EQ(dst[1 + bytes + i], src[i]) << i;
    }
    ASSERT_EQ(dst[2 * bytes + 1], 0);
  }
}

TEST(CopyPool, EveryTaskOnceFromManyCallers) {
  for (std::size_t workers : {0, 1, 3}) {
    cpu::CopyPool pool(workers);
    EXPECT_EQ(pool.workers(), workers);
    std::vector<std::thread> callers;
    std::atomic<int> wrong{0};
    for (int c = 0; c < 4; ++c) {
      callers.emplace_back([&] {
        for (std::size_t count : {0, 1, 2, 7, 64}) {
          std::vector<std::atomic<int>> hits(count);
          pool.run(count, [&](std::size_t i) { ++hits[i]; });
          for (auto& h : hits) wrong += h.load() != 1;
        }
      });
    }
    for (auto& t : callers) t.join();
    EXPECT_EQ(wrong.load(), 0) << workers << " workers";
  }
}

TEST(ParallelFor, CoversEveryIndexOnce) {
  for (std::size_t n : {std::size_t{0}, std::size_t{5}, std::size_t{1} << 20}) {
    std::vector<int> hits(n, 0);
    cpu::parallel_for(n, [&](std::size_t begin, std::size_t end) {
      for (std::size_t i = begin; i < end; ++i) ++hits[i];
    });
    for (std::size_t i = 0; i < n; ++i) ASSERT_EQ(hits[i], 1) << i;
  }
}

}  // namespace
}  // namespace gpuexec
