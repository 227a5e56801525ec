// The element-wise kernels by (op, variant): a thin layer over spirv/kernel_catalog.hpp, kept
// for the callers that still use it.
#pragma once

#include "gpuexec/op.hpp"
#include "gpuexec/options.hpp"
#include "spirv/spirv_loader.hpp"

namespace gpuexec::vk {

// Loaded and validated on first use, then shared by every backend in the process.
// variant: U64, U64Vec or U32 (not Auto). The field is Fp.
const spirv::SpirvModule& kernel_module(Op op, KernelVariant variant);

const char* kernel_variant_name(KernelVariant v);

}  // namespace gpuexec::vk
