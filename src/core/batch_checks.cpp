#include "core/batch_checks.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <functional>
#include <utility>
#include <vector>

#include "gpuexec/error.hpp"

namespace gpuexec {

std::string_view schedule_name(Schedule s) {
  return s == Schedule::Sequential ? "sequential" : "pipelined";
}

namespace {
struct Range {
  const std::byte* begin;
  const std::byte* end;
  std::size_t job;
  bool output;
};

template <class F>
std::string size_error(const BasicJob<F>& j) {
  const bool three = j.op == Op::Mad;
  if (j.a.size() == j.b.size() && j.a.size() == j.out.size() &&
      (!three || j.c.size() == j.a.size()))
    return {};
  if (three) {
    return fmt::format("vector sizes differ: a has {}, b {}, c {}, out {}", j.a.size(), j.b.size(),
                       j.c.size(), j.out.size());
  }
  return fmt::format("vector sizes differ: a has {}, b {}, out {}", j.a.size(), j.b.size(),
                     j.out.size());
}

// The kernels read element i of every input before writing element i of out, so out == input is
// safe; a shifted out would overwrite input elements that later (or other) invocations still read.
// Ranges in bytes, so that jobs on limbs and on the file encoding share it.
struct Bytes {
  const char* name;
  const std::byte* begin;
  std::size_t size;
};

std::string overlap_error(std::span<const Bytes> inputs, Bytes out) {
  const std::less<const std::byte*> before;
  for (const Bytes& in : inputs) {
    if (in.size == 0 || out.size == 0 || in.begin == out.begin) continue;
    if (before(in.begin, out.begin + out.size) && before(out.begin, in.begin + in.size)) {
      return fmt::format(
          "out overlaps {} partially (out may be {} itself, the same start and size, but not a "
          "shifted or partial range of it)",
          in.name, in.name);
    }
  }
  return {};
}

template <class T>
Bytes bytes(const char* name, std::span<T> s) {
  return {name, reinterpret_cast<const std::byte*>(s.data()), s.size_bytes()};
}

template <class J>
std::string overlap_error(const J& j) {
  const Bytes inputs[] = {bytes("a", j.a), bytes("b", j.b), bytes("c", j.c)};
  return overlap_error(std::span(inputs, j.op == Op::Mad ? 3 : 2), bytes("out", j.out));
}
}  // namespace

template <class F>
std::string job_error(const BasicJob<F>& j) {
  if (std::string e = size_error(j); !e.empty()) return e;
  return overlap_error(j);
}

std::string job_error(const EncodedJob& j) {
  const bool three = j.op == Op::Mad;
  for (const auto& [name, size] :
       {std::pair{"a", j.a.size()}, std::pair{"b", j.b.size()},
        std::pair{"c", three ? j.c.size() : 0}, std::pair{"out", j.out.size()}}) {
    if (const std::size_t bytes = field_info(j.field).element_bytes; size % bytes != 0) {
      return fmt::format("{} holds {} bytes, not a whole number of {}-byte elements", name, size,
                         bytes);
    }
  }
  if (j.a.size() != j.out.size() || j.b.size() != j.out.size() ||
      (three && j.c.size() != j.out.size())) {
    return three ? fmt::format("vector sizes differ: a has {} bytes, b {}, c {}, out {}",
                               j.a.size(), j.b.size(), j.c.size(), j.out.size())
                 : fmt::format("vector sizes differ: a has {} bytes, b {}, out {}", j.a.size(),
                               j.b.size(), j.out.size());
  }
  return overlap_error(j);
}

template <class F>
void check_job(const BasicJob<F>& job) {
  if (std::string e = job_error(job); !e.empty()) throw Error(ErrorCode::InvalidArgument, e);
}

template <class F>
void check_batch(std::span<const BasicJob<F>> jobs, Schedule schedule) {
  for (std::size_t i = 0; i < jobs.size(); ++i) {
    if (std::string e = job_error(jobs[i]); !e.empty()) {
      throw Error(ErrorCode::InvalidArgument, fmt::format("job {}: {}", i, e));
    }
  }
  if (schedule != Schedule::Pipelined) return;
  // Sort every range by start; an output range that meets any range of another job is a
  // dependency between jobs.
  std::vector<Range> ranges;
  for (std::size_t i = 0; i < jobs.size(); ++i) {
    const BasicJob<F>& j = jobs[i];
    if (j.out.empty()) continue;
    const auto range = [&](auto s, bool output) {
      const Bytes b = bytes("", s);
      ranges.push_back({b.begin, b.begin + b.size, i, output});
    };
    range(j.a, false);
    range(j.b, false);
    if (j.op == Op::Mad) range(j.c, false);
    range(j.out, true);
  }
  const std::less<const std::byte*> before;
  std::sort(ranges.begin(), ranges.end(),
            [&](const Range& x, const Range& y) { return before(x.begin, y.begin); });
  for (std::size_t i = 0; i < ranges.size(); ++i) {
    for (std::size_t k = i + 1; k < ranges.size() && before(ranges[k].begin, ranges[i].end); ++k) {
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

template std::string job_error(const BasicJob<Fp>&);
template std::string job_error(const BasicJob<Fr>&);
template void check_job(const BasicJob<Fp>&);
template void check_job(const BasicJob<Fr>&);
template void check_batch(std::span<const BasicJob<Fp>>, Schedule);
template void check_batch(std::span<const BasicJob<Fr>>, Schedule);

}  // namespace gpuexec
