// How bench results reach a person (a table, with ratios between variants) and a program (JSON).
#pragma once

#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "bench/bench_types.hpp"

namespace gpuexec::cli {

// variant_ratios: also the first variant of each (suite, op, size, jobs) against the others.
void print_table(const std::vector<BenchResult>& results, bool variant_ratios = true);
// {"device", "results"} and, when a suite left something out, "notes".
nlohmann::json report_json(const nlohmann::json& device, const std::vector<BenchResult>& results,
                           const std::vector<std::string>& notes = {});

}  // namespace gpuexec::cli
