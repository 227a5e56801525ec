#include "core/batch_checks.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <functional>
#include <vector>

#include "gpuexec/error.hpp"

namespace gpuexec {

std::string_view schedule_name(Schedule s) {
  return s == Schedule::Sequential ? "sequential" : "pipelined";
}

namespace {
struct Range {
  const Fp* begin;
  const Fp* end;
  std::size_t job;
  bool output;
};
}  // namespace

void check_batch(std::span<const Job> jobs, Schedule schedule) {
  for (std::size_t i = 0; i < jobs.size(); ++i) {
    const Job& j = jobs[i];
    if (j.a.size() != j.b.size() || j.a.size() != j.out.size()) {
      throw Error(ErrorCode::InvalidArgument,
                  fmt::format("job {}: vector sizes differ: a has {}, b {}, out {}", i, j.a.size(),
                              j.b.size(), j.out.size()));
    }
  }
  if (schedule != Schedule::Pipelined) return;
  // Sort every range by start; an output range that meets any range of another job is a
  // dependency between jobs.
  std::vector<Range> ranges;
  for (std::size_t i = 0; i < jobs.size(); ++i) {
    const Job& j = jobs[i];
    if (j.out.empty()) continue;
    ranges.push_back({j.a.data(), j.a.data() + j.a.size(), i, false});
    ranges.push_back({j.b.data(), j.b.data() + j.b.size(), i, false});
    ranges.push_back({j.out.data(), j.out.data() + j.out.size(), i, true});
  }
  std::sort(ranges.begin(), ranges.end(), [](const Range& x, const Range& y) {
    return std::less<const Fp*>()(x.begin, y.begin);
  });
  for (std::size_t i = 0; i < ranges.size(); ++i) {
    for (std::size_t k = i + 1;
         k < ranges.size() && std::less<const Fp*>()(ranges[k].begin, ranges[i].end); ++k) {
      const Range& x = ranges[i];
      const Range& y = ranges[k];
      if (x.job != y.job && (x.output || y.output)) {
        throw Error(
            ErrorCode::InvalidArgument,
            fmt::format("jobs {} and {}: the output of one overlaps the other's vectors; a "
                        "pipelined batch needs independent jobs (use the sequential schedule)",
                        std::min(x.job, y.job), std::max(x.job, y.job)));
      }
    }
  }
}

}  // namespace gpuexec
