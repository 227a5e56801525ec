// One job, timed: median of repeated runs on the persistent backend. Usage: single_job_bench [n]
// [reps]
#include <algorithm>
#include <cstdio>
#include <cstdlib>

#include "example_support.hpp"
#include "gpuexec/executor.hpp"

int main(int argc, char** argv) {
  const std::size_t n = argc > 1 ? std::strtoull(argv[1], nullptr, 10) : 65536;
  const int reps = argc > 2 ? std::atoi(argv[2]) : 20;
  const auto a = example::random_elements(n, 1), b = example::random_elements(n, 2);
  std::vector<gpuexec::Fp> out(n);
  gpuexec::Executor executor;
  executor.run(gpuexec::Op::Mul, a, b, out);  // warm-up: pipeline, buffers
  std::vector<double> ms;
  for (int i = 0; i < reps; ++i) {
    ms.push_back(example::time_ms([&] { executor.run(gpuexec::Op::Mul, a, b, out); }));
  }
  std::sort(ms.begin(), ms.end());
  std::printf("%s: mul of %zu elements: median %.4f ms (min %.4f, max %.4f)\n",
              executor.backend_name().c_str(), n, ms[ms.size() / 2], ms.front(), ms.back());
  return out[n - 1] == gpuexec::fp::mul(a[n - 1], b[n - 1]) ? 0 : 1;
}
