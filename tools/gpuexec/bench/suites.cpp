#include "bench/suites.hpp"

namespace gpuexec::cli {

const std::vector<BenchSuite>& bench_suites() {
  static const std::vector<BenchSuite> suites = {
      {"persistent", "one-shot vs persistent backend, one job per size (the seed's first table)",
       run_persistent_suite},
  };
  return suites;
}

}  // namespace gpuexec::cli
