// Scale: a 2^26-element job (3 GiB per vector) streams through the device in bounded memory,
// exact on a sample checked against the reference.
#include <gtest/gtest.h>

#include <fstream>
#include <random>
#include <string>

#include "gpuexec/executor.hpp"
#include "random_vectors.hpp"
#include "test_size.hpp"
#include "vulkan/persistent_backend.hpp"
#include "vulkan_fixture.hpp"

namespace gpuexec::test {
namespace {

// kB from /proc/self/status ("VmRSS", "VmHWM").
long status_kb(const std::string& key) {
  std::ifstream in("/proc/self/status");
  std::string line;
  while (std::getline(in, line)) {
    if (line.rfind(key + ":", 0) == 0) return std::stol(line.substr(key.size() + 1));
  }
  return -1;
}

class Scale : public VulkanTest {};

TEST_F(Scale, TwoToTheTwentySixStreamsInBoundedMemory) {
  GPUEXEC_SKIP_IF_SMALL();
  const std::size_t n = std::size_t{1} << 26;
  // Inputs from two random blocks repeated at different strides: cheap to make, not periodic
  // together.
  const auto block_a = random_vector(65536, 1), block_b = random_vector(65521, 2);
  std::vector<Fp> a(n), b(n), out(n);
  for (std::size_t i = 0; i < n; ++i) {
    a[i] = block_a[i % block_a.size()];
    b[i] = block_b[i % block_b.size()];
  }
  ExecutorOptions o = vk::on_device(-1);
  o.vulkan.host_import =
      gpuexec::HostImport::Off;  // the streamed path: imports hold no buffers at all
  vk::PersistentBackend backend(o, {});
  const long rss_before = status_kb("VmRSS");
  std::ofstream("/proc/self/clear_refs") << "5";  // restart the peak (VmHWM) from here
  backend.run(Op::Add, a, b, out);
  const long peak = status_kb("VmHWM");
  std::mt19937_64 rng(3);
  for (int k = 0; k < 20000; ++k) {
    const std::size_t i = k == 0 ? n - 1 : rng() % n;
    ASSERT_EQ(out[i], fp::add(a[i], b[i])) << i;
  }
  const auto s = backend.stats();
  EXPECT_EQ(s.chunks, n / s.chunk_elems + (n % s.chunk_elems != 0));
  // The executor's own memory while streaming 9 GiB of vectors: the chunk slots, not n.
  const long growth_mb = (peak - rss_before) / 1024;
  RecordProperty("peak_growth_mb", std::to_string(growth_mb));
  std::printf("2^26 elements: %zu chunks of %zu; peak host memory beyond the vectors: %ld MB\n",
              static_cast<std::size_t>(s.chunks), static_cast<std::size_t>(s.chunk_elems),
              growth_mb);
  EXPECT_LT(growth_mb, 1024);
}

}  // namespace
}  // namespace gpuexec::test
