#include "bench/bench_report.hpp"

#include <fmt/format.h>

#include <map>
#include <tuple>

namespace gpuexec::cli {

void print_table(const std::vector<BenchResult>& results, bool variant_ratios) {
  fmt::print("{:<11} {:<13} {:<7} {:>9} {:>5} {:>11} {:>11} {:>11} {:>5} {:>8} {:>13}\n", "suite",
             "variant", "op", "elements", "jobs", "median_ms", "min_ms", "max_ms", "reps",
             "verified", "Melem/s");
  for (const BenchResult& r : results) {
    const double rate = r.median_ms > 0 ? r.elements * r.jobs / (r.median_ms * 1e3) : 0;
    fmt::print(
        "{:<11} {:<13} {:<7} {:>9} {:>5} {:>11.4f} {:>11.4f} {:>11.4f} {:>5} {:>8} {:>13.2f}\n",
        r.suite, r.variant, op_text(r), r.elements, r.jobs, r.median_ms, r.min_ms, r.max_ms, r.reps,
        r.verified ? "yes" : "NO", rate);
  }
  if (!variant_ratios) return;
  // Ratios between the first variant of each (suite, op, elements, jobs) group and the others.
  std::map<std::tuple<std::string, std::string, std::size_t, std::size_t>, const BenchResult*>
      first;
  bool header = false;
  for (const BenchResult& r : results) {
    auto key = std::make_tuple(r.suite, op_text(r), r.elements, r.jobs);
    auto [it, inserted] = first.emplace(key, &r);
    if (inserted || r.median_ms <= 0) continue;
    if (!header) {
      fmt::print("\nratios (median of the first variant / median of this one, same run):\n");
      header = true;
    }
    fmt::print("  {} {} x{} {}: {} / {} = {:.1f}x\n", r.suite, r.elements, r.jobs, op_text(r),
               it->second->variant, r.variant, it->second->median_ms / r.median_ms);
  }
}

nlohmann::json report_json(const nlohmann::json& device, const std::vector<BenchResult>& results,
                           const std::vector<std::string>& notes) {
  nlohmann::json rows = nlohmann::json::array();
  for (const BenchResult& r : results) rows.push_back(to_json(r));
  nlohmann::json doc = {{"device", device}, {"results", rows}};
  if (!notes.empty()) doc["notes"] = notes;
  return doc;
}

}  // namespace gpuexec::cli
