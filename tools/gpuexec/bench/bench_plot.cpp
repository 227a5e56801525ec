#include "bench/bench_plot.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cstdio>
#include <filesystem>
#include <iterator>
#include <map>
#include <tuple>

#include "gpuexec/error.hpp"

namespace gpuexec::cli {

namespace {
std::string quote(const std::string& s) {
  std::string out = "\"";
  for (char c : s) out += (c == '"' || c == '\\') ? '_' : c;
  return out + "\"";
}
}  // namespace

std::string plot_script(const std::vector<BenchResult>& results, const std::string& png_path,
                        const std::string& title) {
  // Series: rows that share everything but the size, in order of first appearance.
  std::vector<std::string> names;
  std::map<std::string, std::vector<const BenchResult*>> series;
  for (const BenchResult& r : results) {
    if (r.elements == 0) continue;  // e.g. the empty-submit row: no size to plot against
    std::string name = fmt::format("{} {}", r.suite, r.variant);
    if (r.variant != op_name(r.op)) name += fmt::format(" {}", op_name(r.op));
    if (r.jobs > 1) name += fmt::format(" x{}", r.jobs);
    if (!series.count(name)) names.push_back(name);
    series[name].push_back(&r);
  }
  std::string s;
  for (std::size_t i = 0; i < names.size(); ++i) {
    s += fmt::format("$s{} << EOD\n", i);
    for (const BenchResult* r : series[names[i]]) {
      const double rate = r->median_ms > 0 ? r->elements * r->jobs / (r->median_ms / 1e3) : 0;
      s += fmt::format("{} {} {} {} {}\n", r->elements, r->median_ms, r->min_ms, r->max_ms, rate);
    }
    s += "EOD\n";
  }
  s += fmt::format("set terminal pngcairo size 1400,600 font ',10'\nset output {}\n",
                   quote(png_path));
  s += fmt::format("set multiplot layout 1,2 title {}\n", quote(title));
  s += "set logscale xy\nset grid\nset key top left font ',8'\nset xlabel 'elements (per job)'\n";
  auto plot = [&](const char* ylabel, const char* columns, const char* style) {
    s += fmt::format("set ylabel '{}'\nplot ", ylabel);
    for (std::size_t i = 0; i < names.size(); ++i) {
      s += fmt::format("{}$s{} using {} with {} title {}", i ? ", " : "", i, columns, style,
                       quote(names[i]));
    }
    s += "\n";
  };
  plot("median ms (bars: min..max)", "1:2:3:4", "yerrorlines");
  s += "set key bottom right font ',8'\n";
  plot("elements / s (median)", "1:5", "linespoints");
  s += "unset multiplot\n";
  return s;
}

namespace {
void run_gnuplot(const std::vector<BenchResult>& results, const std::string& png_path,
                 const std::string& title) {
  const std::string script = plot_script(results, png_path, title);
  FILE* gp = ::popen("gnuplot 2>&1", "w");
  if (!gp) throw Error(ErrorCode::Internal, "cannot start gnuplot (Debian: gnuplot-nox)");
  std::fwrite(script.data(), 1, script.size(), gp);
  const int status = ::pclose(gp);
  if (status != 0) {
    throw Error(ErrorCode::Internal,
                fmt::format("gnuplot failed (exit status {}) drawing {}", status, png_path));
  }
}
}  // namespace

std::vector<std::string> write_plot(const std::vector<BenchResult>& results,
                                    const std::string& png_path, const std::string& title) {
  std::vector<std::string> suites;
  for (const BenchResult& r : results) {
    if (std::find(suites.begin(), suites.end(), r.suite) == suites.end()) suites.push_back(r.suite);
  }
  if (suites.size() <= 1) {
    run_gnuplot(results, png_path, title);
    return {png_path};
  }
  // Several suites (bench all): one picture each, FILE-SUITE.png, so every one stays readable.
  const std::filesystem::path base(png_path);
  std::vector<std::string> written;
  for (const std::string& suite : suites) {
    std::vector<BenchResult> part;
    std::copy_if(results.begin(), results.end(), std::back_inserter(part),
                 [&](const BenchResult& r) { return r.suite == suite; });
    const auto path =
        base.parent_path() / (base.stem().string() + "-" + suite + base.extension().string());
    run_gnuplot(part, path.string(), title + ": " + suite);
    written.push_back(path.string());
  }
  return written;
}

}  // namespace gpuexec::cli
