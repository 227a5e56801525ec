// The embedded kernels, each passed once through the SPIR-V loader (and its validation).
#pragma once

#include "gpuexec/op.hpp"
#include "gpuexec/options.hpp"
#include "spirv/spirv_loader.hpp"

namespace gpuexec::vk {

// Loaded and validated on first use, then shared by every backend in the process.
// variant: U64, U64Vec or U32 (not Auto).
const spirv::SpirvModule& kernel_module(Op op, KernelVariant variant);

const char* kernel_variant_name(KernelVariant v);

}  // namespace gpuexec::vk
