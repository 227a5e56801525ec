// shaders/kernels.list read into kernels: every (entry shader, op, field, variant) it names.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "gpuexec/field_params.hpp"
#include "gpuexec/op.hpp"
#include "spirv/kernel_variants.hpp"

namespace gpuexec::shadergen {

// A field description of field_params.hpp without its template.
struct Field {
  FieldId id;
  std::string name;  // "fp"
  std::vector<uint64_t> modulus;
  std::vector<uint64_t> r2;  // R^2 mod m, the Montgomery conversion factor
  uint64_t inv = 0;
  uint32_t element_bytes = 0;
};

struct Kernel {
  // FIELD_OP_VARIANT[_be], e.g. fp_mad_u64v, fp_add_u32_be; FIELD_ENTRY_VARIANT for a kernel
  // without an op (ops column `-`), e.g. fr_ntt_stockham_u32
  std::string name;
  std::string entry;     // entry shader file in shaders/, e.g. mad.comp
  std::optional<Op> op;  // none: not element-wise; the kernel has its own bindings
  const Field* field;
  const spirv::VariantInfo* variant;
  spirv::ElementEncoding encoding = spirv::ElementEncoding::Montgomery;
  bool listed;  // false: a field the list leaves out, compiled only to check the GLSL
};

const std::vector<Field>& all_fields();

// Throws std::runtime_error naming the line on anything it does not know.
// With every_field, each line is also expanded over the fields it does not name (listed =
// false), so that the GLSL libraries are compiled for every description.
std::vector<Kernel> read_kernel_list(const std::string& path, bool every_field);

// The GLSL macro that selects a field: FIELD_FP.
std::string field_macro(const Field& f);

// GLSL #defines selecting the kernel's field, limb width, load width, op and encoding.
std::string glsl_defines(const Kernel& k);

// "fp" -> "Fp": the enumerator of FieldId and Op that a name stands for.
std::string capitalised(const std::string& name);

}  // namespace gpuexec::shadergen
