// The embedded kernels, one entry per variant of shaders/kernels.list (generated at build time by
// tools/shadergen: KernelId and the table), selected by enum.
//
// Binding convention of every element-wise kernel: bindings 0 .. inputs-1 are the input vectors
// and binding `inputs` the output (std430 storage buffers, set 0); a push constant block
// { uint n; } holds the elements of the dispatch; specialization constant 0 is local_size_x;
// dispatches wider than maxComputeWorkGroupCount[0] spill into y.
#pragma once

#include <cstdint>
#include <optional>
#include <span>
#include <string_view>

#include "gpuexec/field_params.hpp"
#include "gpuexec/op.hpp"
#include "gpuexec/options.hpp"
#include "spirv/kernel_ids.hpp"
#include "spirv/kernel_variants.hpp"  // generated: enum class KernelId, kKernelCount
#include "spirv/spirv_loader.hpp"

namespace gpuexec::spirv {

struct KernelInfo {
  KernelId id;
  std::string_view name;  // FIELD_OP_VARIANT[_be] or FIELD_ENTRY_VARIANT, shaders/spv/NAME.spv
  // The element-wise op; none for a kernel of another shape (an NTT pass), whose bindings, push
  // block and inputs (0) are its own.
  std::optional<Op> op;
  KernelVariant variant;  // never Auto
  FieldId field;
  ElementEncoding encoding;
  uint32_t inputs;                 // element-wise: input bindings; the output is binding `inputs`
  uint32_t element_bytes;          // of each input and output element
  std::span<const uint8_t> spirv;  // the embedded blob, 4-byte aligned, not yet validated
};

// Every kernel, in KernelId order (written by the generator).
std::span<const KernelInfo> kernel_infos();

const KernelInfo& kernel_info(KernelId id);

// The kernel's SPIR-V through the loader's validation: each kernel is loaded on its first use,
// then shared by every backend in the process.
const SpirvModule& kernel_module(KernelId id);

// The kernel of an element-wise op (add, sub, mul, mad) in a variant (not Auto); throws
// gpuexec::Error (Internal) when the build has none.
KernelId elementwise_kernel(Op op, KernelVariant variant, FieldId field = FieldId::Fp,
                            ElementEncoding encoding = ElementEncoding::Montgomery);

}  // namespace gpuexec::spirv
