#include "spirv/kernel_catalog.hpp"

#include <fmt/format.h>

#include <array>
#include <memory>
#include <mutex>
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
  // Each module is checked (SPIRV-Tools validation) on its first use only: checking all 145 up
  // front cost every process ~0.7 s of CPU. A mutex, not std::call_once: when loading throws
  // (out of memory), the next call must try again, and call_once over pthread_once hangs there
  // instead (found under TSan by the host allocation sweep).
  static std::mutex mutex;
  static std::array<std::unique_ptr<const SpirvModule>, kKernelCount> modules;
  const KernelInfo& k = kernel_info(id);
  std::lock_guard lock(mutex);
  auto& module = modules[static_cast<std::size_t>(k.id)];
  if (!module)
    module = std::make_unique<const SpirvModule>(load_spirv(k.spirv, std::string(k.name)));
  return *module;
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
