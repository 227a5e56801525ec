#include "vulkan/kernel_library.hpp"

#include "spirv/kernel_catalog.hpp"
#include "spirv/kernel_variants.hpp"

namespace gpuexec::vk {

const char* kernel_variant_name(KernelVariant v) {
  const spirv::VariantInfo* info = spirv::find_variant(v);
  // The table's names are literals, so data() is NUL-terminated.
  return info ? info->name.data() : v == KernelVariant::Auto ? "auto" : "?";
}

const spirv::SpirvModule& kernel_module(Op op, KernelVariant variant) {
  return spirv::kernel_module(spirv::elementwise_kernel(op, variant));
}

}  // namespace gpuexec::vk
