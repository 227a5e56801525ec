// A batch of jobs, sequential against pipelined (transfers of one job overlapping the compute of
// another). Usage: pipelined_batch [jobs] [n]
#include <cstdio>
#include <cstdlib>

#include "example_support.hpp"
#include "gpuexec/executor.hpp"

int main(int argc, char** argv) {
  const std::size_t jobs_n = argc > 1 ? std::strtoull(argv[1], nullptr, 10) : 4;
  const std::size_t n = argc > 2 ? std::strtoull(argv[2], nullptr, 10) : 16384;
  std::vector<std::vector<gpuexec::Fp>> a, b, out;
  std::vector<gpuexec::Job> jobs;
  for (std::size_t j = 0; j < jobs_n; ++j) {
    a.push_back(example::random_elements(n, 2 * j));
    b.push_back(example::random_elements(n, 2 * j + 1));
    out.emplace_back(n);
  }
  for (std::size_t j = 0; j < jobs_n; ++j) jobs.push_back({gpuexec::Op::Mul, a[j], b[j], out[j]});
  gpuexec::Executor executor;
  for (auto schedule : {gpuexec::Schedule::Sequential, gpuexec::Schedule::Pipelined}) {
    executor.run_batch(jobs, schedule);  // warm-up
    const double ms = example::time_ms([&] { executor.run_batch(jobs, schedule); });
    std::printf("%s: %zu x %zu elements: %.3f ms\n", gpuexec::schedule_name(schedule).data(),
                jobs_n, n, ms);
  }
  return out[0][0] == gpuexec::fp::mul(a[0][0], b[0][0]) ? 0 : 1;
}
