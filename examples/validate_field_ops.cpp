// Every op on the default backend against the library's reference arithmetic, on edge values and
// random ones. Usage: validate_field_ops [n]
#include <cstdio>
#include <cstdlib>

#include "example_support.hpp"
#include "gpuexec/executor.hpp"

int main(int argc, char** argv) {
  const std::size_t n = argc > 1 ? std::strtoull(argv[1], nullptr, 10) : 100000;
  std::vector<gpuexec::Fp> a = example::random_elements(n, 1), b = example::random_elements(n, 2);
  const auto edges = gpuexec::fp_edge_values();
  for (std::size_t i = 0; i < edges.size() * edges.size() && i < n; ++i) {
    a[i] = edges[i / edges.size()];
    b[i] = edges[i % edges.size()];
  }
  gpuexec::Executor executor;  // auto: a Vulkan device if there is one, else the CPU
  std::printf("backend: %s\n", executor.backend_name().c_str());
  int failures = 0;
  for (gpuexec::Op op : gpuexec::kBinaryOps) {
    std::vector<gpuexec::Fp> out(n);
    executor.run(op, a, b, out);
    std::size_t bad = 0;
    for (std::size_t i = 0; i < n; ++i) bad += !(out[i] == gpuexec::apply(op, a[i], b[i]));
    std::printf("%s: %zu elements, %zu mismatches\n", gpuexec::op_name(op).data(), n, bad);
    failures += bad != 0;
  }
  return failures ? 1 : 0;
}
