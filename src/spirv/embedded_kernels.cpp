#include "spirv/embedded_kernels.hpp"

#include <string>

#include "gpuexec/error.hpp"

namespace gpuexec::spirv {

const EmbeddedBlob& kernel_for(Op op) {
  const std::string name = "fp_" + std::string(op_name(op));
  for (const EmbeddedBlob& blob : embedded_blobs()) {
    if (blob.name == name) return blob;
  }
  throw Error(ErrorCode::Internal, "no embedded SPIR-V kernel named " + name);
}

}  // namespace gpuexec::spirv
