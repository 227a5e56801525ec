// Batches of equal jobs, sequential against pipelined (the seed's batch table, extended).
#include <fmt/format.h>

#include "bench/suites.hpp"
#include "bench/timing.hpp"

namespace gpuexec::cli {

std::vector<BenchResult> run_batch_suite(BenchContext& ctx) {
  const BenchOptions& o = ctx.options();
  std::vector<std::size_t> sizes = o.sizes, job_counts = o.jobs;
  if (sizes.empty()) {
    sizes = o.quick ? std::vector<std::size_t>{16384, 65536}
                    : std::vector<std::size_t>{16384, 65536, 262144, 1 << 20};
  }
  if (job_counts.empty()) {
    job_counts =
        o.quick ? std::vector<std::size_t>{2, 4} : std::vector<std::size_t>{2, 3, 4, 8, 16};
  }
  vk::PersistentBackend& backend = ctx.persistent();
  std::vector<BenchResult> results;
  for (std::size_t n : sizes) {
    for (std::size_t count : job_counts) {
      BenchBatch batch(o.op, count, n, 4000);
      for (Schedule schedule : {Schedule::Sequential, Schedule::Pipelined}) {
        ctx.progress("batch", fmt::format("{} x{}", schedule_name(schedule), count), n);
        for (int w = 0; w < 2; ++w) backend.run_batch(batch.jobs, schedule);
        batch.clear();
        bool verified = true;
        const Timing t = measure(
            0, o.reps, [&] { backend.run_batch(batch.jobs, schedule); },
            [&] {
              verified = verified && batch.verify(o.op);
              batch.clear();
            });
        BenchResult r = make_result({"batch", std::string(schedule_name(schedule)), o.op, count}, n,
                                    t, verified);
        r.extra["split_queues"] = backend.device().queues().split();
        results.push_back(std::move(r));
      }
    }
  }
  return results;
}

}  // namespace gpuexec::cli
