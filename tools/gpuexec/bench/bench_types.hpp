// What every benchmark suite takes and produces: the options of `gpuexec bench` and one result row
// of the JSON contract.
#pragma once

#include <cstddef>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "gpuexec/op.hpp"

namespace gpuexec::cli {

struct BenchOptions {
  std::vector<std::size_t> sizes;  // empty: the suite's defaults
  std::vector<std::size_t> jobs;   // empty: the suite's defaults
  int reps = 10;
  Op op = Op::Add;
  int device = -1;
  std::size_t msm_points = 0;  // multi suite: the MSM's points (0: the suite's default)
  std::string devices;         // multi suite: "all" or "0,1,..." (empty: GPUEXEC_DEVICES, else all)
  bool quick = false;
  std::string field = "fp";                   // resident suite: fp, fr or both
  bool reps_given = false, op_given = false;  // suites with other defaults (e2e) ask
};

struct BenchResult {
  std::string suite, variant;
  Op op = Op::Add;
  std::string op_label;  // printed as the op when set: a row that is no Op (a conversion)
  std::size_t elements = 0, jobs = 1;
  double median_ms = 0, min_ms = 0, max_ms = 0;
  int reps = 0;
  bool verified = false;
  nlohmann::json extra = nlohmann::json::object();  // suite-specific fields
};

nlohmann::json to_json(const BenchResult& r);
// The row's op as printed and written: op_label, else op_name(op).
std::string op_text(const BenchResult& r);

}  // namespace gpuexec::cli
