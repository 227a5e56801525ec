// The kernel variants, named once: the list file, the shader generator, the catalog and the
// statistics all take their names and shapes from this table.
#pragma once

#include <cstdint>
#include <string_view>

#include "gpuexec/options.hpp"

namespace gpuexec::spirv {

// How a kernel's buffers hold elements: Montgomery limbs (the library's in-memory layout) or the
// file encoding, big-endian canonical bytes converted on the device (kernels.list's `be`).
enum class ElementEncoding : uint8_t { Montgomery, BigEndian };

struct VariantInfo {
  KernelVariant variant;
  std::string_view name;        // as in shaders/kernels.list, GPUEXEC_KERNEL and stats
  uint32_t limb_bits;           // limbs of the GLSL library: 64 (needs shaderInt64) or 32
  uint32_t load_bytes;          // bytes per buffer load and store
  bool needs_int64;             // uses 64-bit integers (shaderInt64)
  std::string_view enumerator;  // KernelVariant::enumerator, for generated C++
  std::string_view defines;     // extra glslc defines of the GLSL library's algorithm
};

inline constexpr VariantInfo kVariants[] = {
    {KernelVariant::U64, "u64", 64, 8, true, "U64", ""},
    {KernelVariant::U64Vec, "u64v", 64, 16, true, "U64Vec", ""},
    {KernelVariant::U32, "u32", 32, 16, false, "U32", ""},
    {KernelVariant::U32Carry, "u32c", 32, 16, false, "U32Carry", "-DFIELD_UNROLL"},
    {KernelVariant::U32Wide, "u32w", 32, 16, true, "U32Wide", "-DFIELD_UNROLL -DFIELD_WIDE"},
    {KernelVariant::U64Unrolled, "u64u", 64, 16, true, "U64Unrolled", "-DFIELD_UNROLL"},
    {KernelVariant::U28Wide, "u28w", 32, 16, true, "U28Wide",
     "-DFIELD_UNROLL -DFIELD_WIDE -DFIELD_MUL28"},
};

// nullptr for Auto, which is a rule, not a kernel.
constexpr const VariantInfo* find_variant(KernelVariant v) {
  for (const VariantInfo& info : kVariants) {
    if (info.variant == v) return &info;
  }
  return nullptr;
}

constexpr const VariantInfo* find_variant(std::string_view name) {
  for (const VariantInfo& info : kVariants) {
    if (info.name == name) return &info;
  }
  return nullptr;
}

}  // namespace gpuexec::spirv
