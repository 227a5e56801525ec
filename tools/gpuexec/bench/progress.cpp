#include "bench/progress.hpp"

#include <fmt/format.h>
#include <unistd.h>

#include <chrono>
#include <cstdio>

namespace gpuexec::cli {

namespace {
const auto kStart = std::chrono::steady_clock::now();
}

Progress::Progress() : live_(::isatty(STDERR_FILENO) == 1) {}

Progress::~Progress() {
  if (live_ && steps_) fmt::print(stderr, "\r\033[K");
}

void Progress::step(const std::string& suite, const std::string& variant, std::size_t elements) {
  ++steps_;
  if (!live_) return;
  const double secs =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - kStart).count();
  // A bar that fills per 10 steps: the suites do not know their totals in advance.
  const std::size_t fill = steps_ % 10;
  fmt::print(stderr, "\r\033[K[{:=<{}}{:<{}}] {:>3} {:>6.1f}s  {} {} n={}", "", fill, "", 10 - fill,
             steps_, secs, suite, variant, elements);
  std::fflush(stderr);
}

}  // namespace gpuexec::cli
