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

// The element-wise kernel of op; throws if the build lacks it.
const EmbeddedBlob& kernel_for(Op op);

}  // namespace gpuexec::spirv
