// Turns the caller's backend choice into a backend: auto prefers a usable Vulkan device.
#pragma once

#include <memory>

#include "gpuexec/executor.hpp"

namespace gpuexec {

std::unique_ptr<Backend> make_backend(const ExecutorOptions& options);

}  // namespace gpuexec
