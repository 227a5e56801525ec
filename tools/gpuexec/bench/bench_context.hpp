// What the suites of one `gpuexec bench` run share: the options and one persistent backend,
// opened on first use, so every suite measures the same device.
#pragma once

#include <functional>
#include <memory>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "bench/bench_data.hpp"
#include "bench/bench_types.hpp"
#include "bench/progress.hpp"
#include "bench/timing.hpp"
#include "vulkan/persistent_backend.hpp"

namespace gpuexec::cli {

class BenchContext {
 public:
  explicit BenchContext(BenchOptions options) : options_(std::move(options)) {}
  const BenchOptions& options() const { return options_; }
  vk::PersistentBackend& persistent();
  // Suites with backends of their own say which device they measured.
  void note_device(const vk::DeviceInfo& info);
  void progress(const std::string& suite, const std::string& variant, std::size_t elements) {
    progress_.step(suite, variant, elements);
  }
  // {"name", "type", "driver", "api"} of the device, or of the CPU when no suite opened one.
  nlohmann::json device_json() const;
  // What a suite left out and why (the JSON's "notes").
  void note(std::string text) { notes_.push_back(std::move(text)); }
  const std::vector<std::string>& notes() const { return notes_; }

 private:
  BenchOptions options_;
  std::unique_ptr<vk::PersistentBackend> persistent_;
  std::unique_ptr<vk::DeviceInfo> device_;
  Progress progress_;
  std::vector<std::string> notes_;
};

struct VariantSpec {
  std::string suite, variant;
  Op op = Op::Add;
  std::size_t jobs = 1;
  int warmup = 1, reps = 1;
};

// A result row from a spec, the elements per job and a timing.
BenchResult make_result(const VariantSpec& spec, std::size_t elements, const Timing& t,
                        bool verified);

// Runs one measured variant on v: warm-up, then timed reps, each result verified against the
// reference (untimed). `run` computes v.out from v.a and v.b.
BenchResult measure_variant(BenchContext& ctx, const VariantSpec& spec, BenchVectors& v,
                            const std::function<void()>& run);

}  // namespace gpuexec::cli
