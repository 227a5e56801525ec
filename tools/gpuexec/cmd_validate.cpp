// gpuexec validate: every op on a backend against the single-threaded reference.
#include <fmt/format.h>

#include <chrono>
#include <memory>
#include <random>

#include "backend_option.hpp"
#include "commands.hpp"
#include "gpuexec/error.hpp"
#include "gpuexec/executor.hpp"
#include "gpuexec/fp_samples.hpp"
#include "gpuexec/fr_samples.hpp"
#include "option_checks.hpp"

namespace gpuexec::cli {

namespace {
struct ValidateArgs {
  BackendOption backend;
  std::string field = "fp";
  std::size_t n = 1 << 16;
  uint64_t seed = 0x5eed;
};

// Three vectors of 2^28 elements are 39 GB: more is a typo, not a test.
constexpr uint64_t kMaxElements = uint64_t{1} << 28;

// Every pair of edge values, then random pairs up to n elements in all.
void make_inputs(std::size_t n, uint64_t seed, std::vector<Fp>& a, std::vector<Fp>& b) {
  fp_edge_pairs(a, b);
  std::mt19937_64 rng(seed);
  while (a.size() < n) {
    a.push_back(fp_random(rng));
    b.push_back(fp_random(rng));
  }
}

void make_inputs(std::size_t n, uint64_t seed, std::vector<Fr>& a, std::vector<Fr>& b) {
  fr_edge_pairs(a, b);
  std::mt19937_64 rng(seed);
  while (a.size() < n) {
    a.push_back(fr_random(rng));
    b.push_back(fr_random(rng));
  }
}

template <class F>
void validate(const ValidateArgs& args) {
  std::vector<F> a, b;
  make_inputs(args.n, args.seed, a, b);
  Executor executor(args.backend.executor_options());
  fmt::print("backend: {}\nfield: {}\n", executor.backend_name(), args.field);
  fmt::print("{:<5} {:>10} {:>11} {:>11}\n", "op", "elements", "mismatches", "time_ms");
  std::size_t total_mismatches = 0;
  for (Op op : kBinaryOps) {
    std::vector<F> out(a.size());
    const auto start = std::chrono::steady_clock::now();
    executor.run(op, std::span<const F>(a), std::span<const F>(b), std::span<F>(out));
    const std::chrono::duration<double, std::milli> elapsed =
        std::chrono::steady_clock::now() - start;
    std::size_t mismatches = 0;
    for (std::size_t i = 0; i < a.size(); ++i) mismatches += !(out[i] == apply(op, a[i], b[i]));
    total_mismatches += mismatches;
    fmt::print("{:<5} {:>10} {:>11} {:>11.3f}\n", op_name(op), a.size(), mismatches,
               elapsed.count());
  }
  if (total_mismatches != 0) {
    throw Error(ErrorCode::Internal,
                fmt::format("validation failed: {} mismatches", total_mismatches));
  }
  fmt::print("all results match the reference\n");
}
}  // namespace

void add_validate_command(CLI::App& app) {
  auto args = std::make_shared<ValidateArgs>();
  CLI::App* cmd =
      app.add_subcommand("validate", "check every op on a backend against the reference");
  args->backend.add_to(*cmd);
  cmd->add_option("--field", args->field, "fp (the base field) or fr (the scalar field)")
      ->check(CLI::IsMember({"fp", "fr"}))
      ->capture_default_str();
  cmd->add_option("--n", args->n, "elements per op (edge pairs first, then random)")
      ->check(whole_number(0, kMaxElements, "elements", "2^28"))
      ->capture_default_str();
  cmd->add_option("--seed", args->seed, "random seed")->capture_default_str();
  cmd->callback([args] { args->field == "fr" ? validate<Fr>(*args) : validate<Fp>(*args); });
}

}  // namespace gpuexec::cli
