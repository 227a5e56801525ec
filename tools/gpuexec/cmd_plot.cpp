// gpuexec plot RESULTS.json --out FILE.png: draws saved bench results (e.g. from a GPU host,
// which has no gnuplot) the way `bench --plot` does.
#include <fmt/format.h>

#include <memory>

#include "bench/bench_plot.hpp"
#include "commands.hpp"
#include "input_error.hpp"
#include "read_file.hpp"

namespace gpuexec::cli {

namespace {
struct PlotArgs {
  std::string json, out;
};

std::vector<BenchResult> load_results(const std::string& path, std::string& device_name) {
  const std::string text = read_whole_file(path);
  nlohmann::json doc;
  try {
    doc = nlohmann::json::parse(text);
    device_name = doc.at("device").value("name", "?");
    std::vector<BenchResult> results;
    for (const auto& row : doc.at("results")) {
      BenchResult r;
      r.suite = row.at("suite").get<std::string>();
      r.variant = row.at("variant").get<std::string>();
      r.op = parse_op(row.at("op").get<std::string>()).value_or(Op::Add);
      r.elements = row.at("elements").get<std::size_t>();
      r.jobs = row.at("jobs").get<std::size_t>();
      r.median_ms = row.at("median_ms").get<double>();
      r.min_ms = row.at("min_ms").get<double>();
      r.max_ms = row.at("max_ms").get<double>();
      r.reps = row.at("reps").get<int>();
      r.verified = row.at("verified").get<bool>();
      results.push_back(std::move(r));
    }
    return results;
  } catch (const nlohmann::json::exception& e) {
    throw InputError(fmt::format("{}: not gpuexec bench JSON: {}", path, e.what()));
  }
}
}  // namespace

void add_plot_command(CLI::App& app) {
  auto args = std::make_shared<PlotArgs>();
  CLI::App* cmd = app.add_subcommand("plot", "draw saved `bench --json` results with gnuplot");
  cmd->add_option("results", args->json, "a JSON file written by gpuexec bench --json")->required();
  cmd->add_option("--out", args->out, "the PNG to write (one per suite when there are several)")
      ->required();
  cmd->callback([args] {
    std::string device;
    const auto results = load_results(args->json, device);
    for (const auto& f :
         write_plot(results, args->out, fmt::format("gpuexec bench on {}", device))) {
      fmt::print("{}\n", f);
    }
  });
}

}  // namespace gpuexec::cli
