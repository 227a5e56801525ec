// Smoke test: sequential and pipelined batches give identical results on a mixed batch.
// Exit status 0 when they agree (and match the reference), 1 otherwise.
#include <cstdio>

#include "example_support.hpp"
#include "gpuexec/executor.hpp"

int main() {
  const std::size_t sizes[] = {1, 100, 16384, 20000, 70000, 5};
  std::vector<std::vector<gpuexec::Fp>> a, b, seq, pipe;
  std::vector<gpuexec::Job> seq_jobs, pipe_jobs;
  for (std::size_t j = 0; j < std::size(sizes); ++j) {
    a.push_back(example::random_elements(sizes[j], 3 * j));
    b.push_back(example::random_elements(sizes[j], 3 * j + 1));
    seq.emplace_back(sizes[j]);
    pipe.emplace_back(sizes[j]);
  }
  for (std::size_t j = 0; j < std::size(sizes); ++j) {
    const gpuexec::Op op = gpuexec::kBinaryOps[j % 3];
    seq_jobs.push_back({op, a[j], b[j], seq[j]});
    pipe_jobs.push_back({op, a[j], b[j], pipe[j]});
  }
  gpuexec::Executor executor;
  executor.run_batch(seq_jobs, gpuexec::Schedule::Sequential);
  executor.run_batch(pipe_jobs, gpuexec::Schedule::Pipelined);
  for (std::size_t j = 0; j < std::size(sizes); ++j) {
    if (seq[j] != pipe[j]) {
      std::printf("job %zu: sequential and pipelined differ\n", j);
      return 1;
    }
    for (std::size_t i = 0; i < sizes[j]; ++i) {
      if (!(seq[j][i] == gpuexec::apply(seq_jobs[j].op, a[j][i], b[j][i]))) {
        std::printf("job %zu element %zu: wrong\n", j, i);
        return 1;
      }
    }
  }
  std::printf("%s: sequential and pipelined agree on %zu jobs\n", executor.backend_name().c_str(),
              std::size(sizes));
  return 0;
}
