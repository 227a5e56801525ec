// Repeated timing with the host's steady clock: warm-up runs first, then median, min and max.
#pragma once

#include <algorithm>
#include <chrono>
#include <vector>

namespace gpuexec::cli {

struct Timing {
  double median_ms = 0, min_ms = 0, max_ms = 0;
  int reps = 0;
};

inline Timing summarize(std::vector<double> samples_ms) {
  Timing t;
  if (samples_ms.empty()) return t;
  std::sort(samples_ms.begin(), samples_ms.end());
  const std::size_t n = samples_ms.size();
  t.median_ms = n % 2 ? samples_ms[n / 2] : (samples_ms[n / 2 - 1] + samples_ms[n / 2]) / 2;
  t.min_ms = samples_ms.front();
  t.max_ms = samples_ms.back();
  t.reps = static_cast<int>(n);
  return t;
}

// Sustained load before timing a GPU op: without it the kernels ran at the idle SM clock (an H200
// at 345 instead of 1980 MHz), 3-5x slower at 2^24 elements and above (docs/GPU_NOTES.md, 7.9).
constexpr double kGpuWarmUpMs = 300;

// Runs fn until it has run `min_runs` times and for at least `ms` milliseconds: a GPU idles at a
// low clock and needs sustained load to reach its boost clock (an H100 went from 345 to 1980 MHz
// only after tens of milliseconds of work).
template <typename Fn>
void warm_up_for(double ms, int min_runs, Fn&& fn) {
  const auto start = std::chrono::steady_clock::now();
  for (int i = 0;
       i < min_runs ||
       std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - start).count() <
           ms;
       ++i) {
    fn();
  }
}

// Runs fn `warmup` times untimed, then `reps` times timed; after_each runs untimed after every
// timed rep (the benchmarks verify each result there).
template <typename Fn, typename After>
Timing measure(int warmup, int reps, Fn&& fn, After&& after_each) {
  for (int i = 0; i < warmup; ++i) fn();
  std::vector<double> samples;
  samples.reserve(static_cast<std::size_t>(reps));
  for (int i = 0; i < reps; ++i) {
    const auto start = std::chrono::steady_clock::now();
    fn();
    samples.push_back(
        std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - start)
            .count());
    after_each();
  }
  return summarize(std::move(samples));
}

}  // namespace gpuexec::cli
