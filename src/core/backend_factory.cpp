#include "core/backend_factory.hpp"

#include "cpu/cpu_backend.hpp"
#include "gpuexec/error.hpp"
#include "multi/device_list.hpp"
#include "multi/multi_device_backend.hpp"
#include "vulkan/persistent_backend.hpp"

namespace gpuexec {

namespace {
// One device, or several (ExecutorOptions::devices, GPUEXEC_DEVICES).
std::unique_ptr<Backend> make_vulkan_backend(const ExecutorOptions& options) {
  const std::vector<int> devices = multi::resolve_device_list(options);
  if (devices.size() > 1) return std::make_unique<multi::MultiDeviceBackend>(options, devices);
  ExecutorOptions one = options;
  if (devices.size() == 1) one.device_index = devices.front();
  return std::make_unique<vk::PersistentBackend>(one);
}
}  // namespace

std::unique_ptr<Backend> make_backend(const ExecutorOptions& options) {
  switch (options.backend) {
    case BackendKind::Cpu:
      return std::make_unique<cpu::CpuBackend>();
    case BackendKind::Vulkan:
      return make_vulkan_backend(options);
    case BackendKind::Auto:
      try {
        return make_vulkan_backend(options);
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
