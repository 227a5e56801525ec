#include "vulkan/kernel_library.hpp"

#include <array>

#include "spirv/embedded_kernels.hpp"

namespace gpuexec::vk {

namespace {
constexpr KernelVariant kVariants[] = {KernelVariant::U64, KernelVariant::U64Vec,
                                       KernelVariant::U32};

std::string_view suffix(KernelVariant v) {
  return v == KernelVariant::U64Vec ? "_vec" : v == KernelVariant::U32 ? "32" : "";
}

std::size_t slot(KernelVariant v) {
  return v == KernelVariant::U64Vec ? 1 : v == KernelVariant::U32 ? 2 : 0;
}
}  // namespace

const char* kernel_variant_name(KernelVariant v) {
  switch (v) {
    case KernelVariant::Auto:
      return "auto";
    case KernelVariant::U64:
      return "u64";
    case KernelVariant::U64Vec:
      return "u64v";
    case KernelVariant::U32:
      return "u32";
  }
  return "?";
}

const spirv::SpirvModule& kernel_module(Op op, KernelVariant variant) {
  using Modules =
      std::array<std::array<spirv::SpirvModule, std::size(kBinaryOps)>, std::size(kVariants)>;
  // A function-local static, not std::call_once: when loading throws (out of memory), the next
  // call must try again, and call_once over pthread_once hangs there instead (found under TSan
  // by the host allocation sweep).
  static const Modules modules = [] {
    Modules m;
    for (KernelVariant v : kVariants) {
      for (Op o : kBinaryOps) {
        const spirv::EmbeddedBlob& blob = spirv::kernel_for(o, suffix(v));
        m[slot(v)][static_cast<std::size_t>(o)] =
            spirv::load_spirv(blob.bytes, std::string(blob.name));
      }
    }
    return m;
  }();
  return modules[slot(variant)][static_cast<std::size_t>(op)];
}

}  // namespace gpuexec::vk
