// The --backend and --device options shared by the commands that run field ops.
#pragma once

#include <CLI/CLI.hpp>
#include <string>

#include "gpuexec/executor.hpp"

namespace gpuexec::cli {

struct BackendOption {
  std::string backend = "auto";
  int device = -1;

  void add_to(CLI::App& cmd, const std::string& default_backend = "auto");
  ExecutorOptions executor_options() const;
};

}  // namespace gpuexec::cli
