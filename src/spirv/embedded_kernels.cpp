#include "spirv/embedded_kernels.hpp"

#include <string>

#include "gpuexec/error.hpp"

namespace gpuexec::spirv {

const EmbeddedBlob& kernel_for(Op op, std::string_view variant) {
  const std::string name = variant == "32"
                               ? "fp32_" + std::string(op_name(op))
                               : "fp_" + std::string(op_name(op)) + std::string(variant);
  for (const EmbeddedBlob& blob : embedded_blobs()) {
    if (blob.name == name) return blob;
  }
  throw Error(ErrorCode::Internal, "no embedded SPIR-V kernel named " + name);
}

}  // namespace gpuexec::spirv
