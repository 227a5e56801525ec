#include "core/backend_factory.hpp"

#include "cpu/cpu_backend.hpp"
#include "gpuexec/error.hpp"

namespace gpuexec {

std::unique_ptr<Backend> make_backend(const ExecutorOptions& options) {
  switch (options.backend) {
    case BackendKind::Cpu:
    case BackendKind::Auto:
      return std::make_unique<cpu::CpuBackend>();
    case BackendKind::Vulkan:
      throw Error(ErrorCode::NoDevice, "the Vulkan backend is not available in this build yet");
  }
  throw Error(ErrorCode::InvalidArgument, "unknown backend");
}

}  // namespace gpuexec
