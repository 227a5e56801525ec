// How bench results reach a person (a table, with ratios between variants) and a program (JSON).
#pragma once

#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "bench/bench_types.hpp"

namespace gpuexec::cli {

void print_table(const std::vector<BenchResult>& results);
nlohmann::json report_json(const nlohmann::json& device, const std::vector<BenchResult>& results);

}  // namespace gpuexec::cli
