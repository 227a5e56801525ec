// CPU G1 MSM timings: `msm_bench [log2 n ...]` (default 12 16), one, two and all threads, median of
// five runs after a warm-up, wall and process CPU time (this host's cores are shared). Every
// result is checked against a run with another window width, so a wrong sum cannot pass as a
// fast one.
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <ctime>
#include <random>
#include <string>
#include <thread>
#include <vector>

#include "cpu/field_kernels.hpp"
#include "cpu/msm.hpp"
#include "gpuexec/g1.hpp"

using namespace gpuexec;

namespace {

std::vector<G1Affine> chain_points(std::size_t n, std::mt19937_64& rng) {
  auto scalar = [&] {
    return scalar_from_limbs({rng(), rng(), rng(), rng() >> 2});  // below 2^254 < r
  };
  const G1Jacobian g = g1::to_jacobian(g1::generator());
  const G1Jacobian step = g1::mul(g, scalar());
  G1Jacobian acc = g1::mul(g, scalar());
  std::vector<G1Jacobian> jac(n);
  for (auto& p : jac) p = acc, acc = g1::add(acc, step);
  std::vector<G1Affine> out(n);
  g1::batch_to_affine(jac, out);
  return out;
}

struct Times {
  double wall, cpu;  // cpu: the process's, every thread's together
};

Times time_msm(const std::vector<G1Affine>& points, const std::vector<Scalar>& scalars,
               const cpu::MsmOptions& options, G1Jacobian& out) {
  const auto t0 = std::chrono::steady_clock::now();
  const std::clock_t c0 = std::clock();
  cpu::msm(points, scalars, out, options);
  return {std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count(),
          static_cast<double>(std::clock() - c0) / CLOCKS_PER_SEC};
}

}  // namespace

int main(int argc, char** argv) {
  std::vector<unsigned> logs;
  for (int i = 1; i < argc; ++i) logs.push_back(static_cast<unsigned>(std::atoi(argv[i])));
  if (logs.empty()) logs = {12, 16};
  std::printf("arith %s, %u hardware threads\n",
              std::string(cpu::cpu_arith_name(cpu::cpu_arith())).c_str(),
              std::thread::hardware_concurrency());
  std::mt19937_64 rng(1);
  for (unsigned lg : logs) {
    const std::size_t n = std::size_t{1} << lg;
    const auto points = chain_points(n, rng);
    std::vector<Scalar> scalars(n);
    for (auto& s : scalars) s = scalar_from_limbs({rng(), rng(), rng(), rng() >> 2});
    G1Jacobian check;
    const unsigned c = cpu::msm_window_bits(n);
    cpu::msm(points, scalars, check, {.window_bits = c > 4 ? c - 3 : c + 2});
    std::vector<unsigned> thread_counts = {1, 2};
    if (std::thread::hardware_concurrency() > 2) {
      thread_counts.push_back(std::thread::hardware_concurrency());
    }
    for (unsigned threads : thread_counts) {
      const cpu::MsmOptions options{.threads = threads};
      G1Jacobian out;
      time_msm(points, scalars, options, out);  // warm-up
      std::vector<double> wall, cpu;
      const int reps = lg >= 18 ? 3 : 5;
      for (int r = 0; r < reps; ++r) {
        const Times t = time_msm(points, scalars, options, out);
        wall.push_back(t.wall), cpu.push_back(t.cpu);
      }
      std::sort(wall.begin(), wall.end());
      std::sort(cpu.begin(), cpu.end());
      const bool ok = g1::equal(out, check);
      std::printf(
          "n = 2^%u  c = %u  threads %u: wall median %.1f ms (min %.1f, max %.1f), cpu median "
          "%.1f ms  %s\n",
          lg, c, threads, 1e3 * wall[wall.size() / 2], 1e3 * wall.front(), 1e3 * wall.back(),
          1e3 * cpu[cpu.size() / 2], ok ? "checked" : "MISMATCH");
      if (!ok) return 1;
    }
  }
  return 0;
}
