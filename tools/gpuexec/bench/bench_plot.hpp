// Scaling curves of bench results drawn with gnuplot: time and elements/s against size, one line
// per (suite, variant, op, jobs) series, log-log.
#pragma once

#include <string>
#include <vector>

#include "bench/bench_types.hpp"

namespace gpuexec::cli {

// The gnuplot script that draws `results` into png_path (testable without gnuplot).
std::string plot_script(const std::vector<BenchResult>& results, const std::string& png_path,
                        const std::string& title);
// Runs gnuplot; throws gpuexec::Error when gnuplot is missing or fails. Results of several
// suites go to one picture per suite, png_path with "-SUITE" before the extension. Returns the
// files written.
std::vector<std::string> write_plot(const std::vector<BenchResult>& results,
                                    const std::string& png_path, const std::string& title);

}  // namespace gpuexec::cli
