// The SPIR-V compiled from shaders/ and embedded in the library at build time.
#pragma once

#include <cstdint>
#include <span>
#include <string_view>

#include "gpuexec/op.hpp"

namespace gpuexec::spirv {

struct EmbeddedBlob {
  std::string_view name;  // the shader file's base name, e.g. "fp_mul"
  std::span<const uint8_t> bytes;
};

std::span<const EmbeddedBlob> embedded_blobs();

// The element-wise kernel of op in a variant ("" for u64, "_vec", or "32" for u32 limbs: the
// blob names are fp_OP, fp_OP_vec and fp32_OP); throws if the build lacks it.
const EmbeddedBlob& kernel_for(Op op, std::string_view variant = "");

}  // namespace gpuexec::spirv
