// The benchmark suites `gpuexec bench` knows, each a function from options to result rows.
#pragma once

#include <functional>
#include <string>
#include <vector>

#include "bench/bench_context.hpp"

namespace gpuexec::cli {

struct BenchSuite {
  std::string name;
  std::string summary;
  std::function<std::vector<BenchResult>(BenchContext&)> run;
  // Printed after the common table instead of its variant ratios, when the suite has its own.
  std::function<void(const std::vector<BenchResult>&)> report = nullptr;
};

const std::vector<BenchSuite>& bench_suites();

// One suite per file; each defined beside its name.
std::vector<BenchResult> run_persistent_suite(BenchContext& ctx);
std::vector<BenchResult> run_paths_suite(BenchContext& ctx);
std::vector<BenchResult> run_chunk_suite(BenchContext& ctx);
std::vector<BenchResult> run_batch_suite(BenchContext& ctx);
std::vector<BenchResult> run_resident_suite(BenchContext& ctx);
std::vector<BenchResult> run_transfer_suite(BenchContext& ctx);
std::vector<BenchResult> run_cpu_suite(BenchContext& ctx);
std::vector<BenchResult> run_multi_suite(BenchContext& ctx);
std::vector<BenchResult> run_ntt_suite(BenchContext& ctx);
std::vector<BenchResult> run_msm_suite(BenchContext& ctx);
std::vector<BenchResult> run_e2e_suite(BenchContext& ctx);
void print_e2e_report(const std::vector<BenchResult>& results);
// Every suite above but multi and e2e in turn, on one device.
std::vector<BenchResult> run_all_suites(BenchContext& ctx);

}  // namespace gpuexec::cli
