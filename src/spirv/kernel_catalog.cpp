#include "spirv/kernel_catalog.hpp"

#include <fmt/format.h>

#include <array>
#include <string>

#include "gpuexec/error.hpp"
#include "spirv/kernel_variants.hpp"

namespace gpuexec::spirv {

const KernelInfo& kernel_info(KernelId id) {
  const auto index = static_cast<std::size_t>(id);
  if (index >= kernel_infos().size()) {
    throw Error(ErrorCode::Internal, fmt::format("no kernel with id {}", index));
  }
  return kernel_infos()[index];
}

const SpirvModule& kernel_module(KernelId id) {
  using Modules = std::array<SpirvModule, kKernelCount>;
  // A function-local static, not std::call_once: when loading throws (out of memory), the next
  // call must try again, and call_once over pthread_once hangs there instead (found under TSan
  // by the host allocation sweep).
  static const Modules modules = [] {
    Modules m;
    for (const KernelInfo& k : kernel_infos()) {
      m[static_cast<std::size_t>(k.id)] = load_spirv(k.spirv, std::string(k.name));
    }
    return m;
  }();
  return modules[static_cast<std::size_t>(kernel_info(id).id)];
}

KernelId elementwise_kernel(Op op, KernelVariant variant, FieldId field, ElementEncoding encoding) {
  for (const KernelInfo& k : kernel_infos()) {
    if (k.op == op && k.variant == variant && k.field == field && k.encoding == encoding) {
      return k.id;
    }
  }
  const VariantInfo* v = find_variant(variant);
  throw Error(ErrorCode::Internal,
              fmt::format("no embedded kernel for {} {} in variant {}{}", field_info(field).name,
                          op_name(op), v ? v->name : "auto",
                          encoding == ElementEncoding::BigEndian ? " on big-endian bytes" : ""));
}

}  // namespace gpuexec::spirv
