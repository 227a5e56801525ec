#include "vulkan/kernel_library.hpp"

#include <array>
#include <mutex>

#include "spirv/embedded_kernels.hpp"

namespace gpuexec::vk {

const spirv::SpirvModule& kernel_module(Op op) {
  static std::once_flag once;
  static std::array<spirv::SpirvModule, std::size(kAllOps)> modules;
  std::call_once(once, [] {
    for (Op o : kAllOps) {
      const spirv::EmbeddedBlob& blob = spirv::kernel_for(o);
      modules[static_cast<std::size_t>(o)] = spirv::load_spirv(blob.bytes, std::string(blob.name));
    }
  });
  return modules[static_cast<std::size_t>(op)];
}

}  // namespace gpuexec::vk
