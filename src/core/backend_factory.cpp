#include "core/backend_factory.hpp"

#include "cpu/cpu_backend.hpp"
#include "gpuexec/error.hpp"
#include "vulkan/persistent_backend.hpp"

namespace gpuexec {

std::unique_ptr<Backend> make_backend(const ExecutorOptions& options) {
  switch (options.backend) {
    case BackendKind::Cpu:
      return std::make_unique<cpu::CpuBackend>();
    case BackendKind::Vulkan:
      return std::make_unique<vk::PersistentBackend>(options);
    case BackendKind::Auto:
      try {
        return std::make_unique<vk::PersistentBackend>(options);
      } catch (const Error& e) {
        // No usable device is the one reason to fall back; a bad index or setting is the
        // caller's mistake and surfaces.
        if (e.code() != ErrorCode::NoDevice) throw;
        return std::make_unique<cpu::CpuBackend>();
      }
  }
  throw Error(ErrorCode::InvalidArgument, "unknown backend");
}

}  // namespace gpuexec
