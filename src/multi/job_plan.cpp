#include "multi/job_plan.hpp"

#include <algorithm>
#include <numeric>

#include "gpuexec/error.hpp"

namespace gpuexec::multi {

namespace {
void need_a_device(std::span<const double> speeds) {
  if (std::none_of(speeds.begin(), speeds.end(), [](double s) { return s > 0; })) {
    throw Error(ErrorCode::Internal, "no device to plan jobs for");
  }
}
}  // namespace

std::vector<std::vector<std::size_t>> plan_jobs(std::span<const std::size_t> job_elems,
                                                std::span<const double> speeds,
                                                std::span<const double> busy) {
  need_a_device(speeds);
  std::vector<std::size_t> order(job_elems.size());
  std::iota(order.begin(), order.end(), std::size_t{0});
  std::stable_sort(order.begin(), order.end(),
                   [&](std::size_t x, std::size_t y) { return job_elems[x] > job_elems[y]; });
  std::vector<double> busy_until(speeds.size(), 0.0);
  for (std::size_t d = 0; d < std::min(busy.size(), speeds.size()); ++d) busy_until[d] = busy[d];
  std::vector<std::vector<std::size_t>> plan(speeds.size());
  for (std::size_t j : order) {
    std::size_t best = speeds.size();
    double best_finish = 0;
    for (std::size_t d = 0; d < speeds.size(); ++d) {
      if (speeds[d] <= 0) continue;
      // A job of 0 elements still costs a little, so empty jobs spread out too.
      const double finish = busy_until[d] + (static_cast<double>(job_elems[j]) + 1) / speeds[d];
      if (best == speeds.size() || finish < best_finish) {
        best = d;
        best_finish = finish;
      }
    }
    busy_until[best] = best_finish;
    plan[best].push_back(j);
  }
  for (auto& jobs : plan) std::sort(jobs.begin(), jobs.end());
  return plan;
}

std::vector<std::size_t> split_range(std::size_t n, std::span<const double> speeds) {
  need_a_device(speeds);
  double total = 0;
  for (double s : speeds) total += std::max(s, 0.0);
  std::vector<std::size_t> starts(speeds.size() + 1, 0);
  double acc = 0;
  for (std::size_t d = 0; d < speeds.size(); ++d) {
    acc += std::max(speeds[d], 0.0);
    starts[d + 1] =
        d + 1 == speeds.size()
            ? n
            : std::min(n, static_cast<std::size_t>(static_cast<double>(n) * acc / total));
  }
  return starts;
}

}  // namespace gpuexec::multi
