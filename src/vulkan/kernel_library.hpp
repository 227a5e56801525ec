// The embedded kernels, each passed once through the SPIR-V loader (and its validation).
#pragma once

#include "gpuexec/op.hpp"
#include "spirv/spirv_loader.hpp"

namespace gpuexec::vk {

// Loaded and validated on first use, then shared by every backend in the process.
const spirv::SpirvModule& kernel_module(Op op);

}  // namespace gpuexec::vk
