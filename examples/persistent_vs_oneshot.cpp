// The seed's first comparison: creating everything per call (one-shot) against keeping the
// instance, device, pipelines and buffers (persistent). Usage: persistent_vs_oneshot [n]
#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <memory>

#include "example_support.hpp"
#include "gpuexec/executor.hpp"
#include "vulkan/one_shot_backend.hpp"
#include "vulkan/persistent_backend.hpp"

namespace {
double median_ms(gpuexec::Executor& ex, const std::vector<gpuexec::Fp>& a,
                 std::vector<gpuexec::Fp>& out, int reps) {
  std::vector<double> ms;
  ex.run(gpuexec::Op::Add, a, a, out);
  for (int i = 0; i < reps; ++i)
    ms.push_back(example::time_ms([&] { ex.run(gpuexec::Op::Add, a, a, out); }));
  std::sort(ms.begin(), ms.end());
  return ms[ms.size() / 2];
}
}  // namespace

int main(int argc, char** argv) {
  const std::size_t n = argc > 1 ? std::strtoull(argv[1], nullptr, 10) : 64;
  const auto a = example::random_elements(n, 1);
  std::vector<gpuexec::Fp> out(n);
  gpuexec::Executor one_shot(std::make_unique<gpuexec::vk::OneShotBackend>());
  gpuexec::Executor persistent(std::make_unique<gpuexec::vk::PersistentBackend>());
  const double slow = median_ms(one_shot, a, out, 5), fast = median_ms(persistent, a, out, 50);
  std::printf("%zu elements: one-shot %.3f ms, persistent %.4f ms: %.0fx\n", n, slow, fast,
              slow / fast);
  return out[0] == gpuexec::fp::add(a[0], a[0]) ? 0 : 1;
}
