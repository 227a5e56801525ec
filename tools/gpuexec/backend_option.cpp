#include "backend_option.hpp"

namespace gpuexec::cli {

void BackendOption::add_to(CLI::App& cmd, const std::string& default_backend) {
  backend = default_backend;
  cmd.add_option("--backend", backend,
                 "auto (Vulkan when a usable device exists, else CPU), cpu, vulkan")
      ->check(CLI::IsMember({"auto", "cpu", "vulkan"}))
      ->capture_default_str();
  cmd.add_option("--device", device,
                 "Vulkan device index (see `gpuexec devices`); default: the best")
      ->check(CLI::NonNegativeNumber);
}

ExecutorOptions BackendOption::executor_options() const {
  ExecutorOptions options;
  options.backend = backend == "cpu"      ? BackendKind::Cpu
                    : backend == "vulkan" ? BackendKind::Vulkan
                                          : BackendKind::Auto;
  options.device_index = device;
  return options;
}

}  // namespace gpuexec::cli
