#include "bench/bench_types.hpp"

namespace gpuexec::cli {

nlohmann::json to_json(const BenchResult& r) {
  nlohmann::json j = {{"suite", r.suite},       {"variant", r.variant}, {"op", op_text(r)},
                      {"elements", r.elements}, {"jobs", r.jobs},       {"median_ms", r.median_ms},
                      {"min_ms", r.min_ms},     {"max_ms", r.max_ms},   {"reps", r.reps},
                      {"verified", r.verified}};
  for (const auto& [key, value] : r.extra.items()) j[key] = value;
  return j;
}

std::string op_text(const BenchResult& r) {
  return r.op_label.empty() ? std::string(op_name(r.op)) : r.op_label;
}

}  // namespace gpuexec::cli
