// How an encoded run reports an input element that is not canonical (>= the modulus).
// Kernels mark the output element: byte 0 becomes 0xFF, which no canonical big-endian Fp or Fr
// value starts with (their top bytes are 0x1a and 0x73), and byte 1 the input's index (0 a, 1 b,
// 2 c); the executor looks for the first mark. The CPU backend throws the same error directly.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>

#include "gpuexec/error.hpp"
#include "gpuexec/field_params.hpp"

namespace gpuexec {

inline constexpr uint8_t kRejectionMark = 0xFF;

inline NonCanonicalInput rejected_input(std::size_t input, std::size_t index,
                                        FieldId field = FieldId::Fp) {
  const char name = input < 3 ? "abc"[input] : '?';
  const char* modulus = field == FieldId::Fr ? "r" : "p";
  return NonCanonicalInput(input, index,
                           std::string(1, name) + "[" + std::to_string(index) +
                               "] is not below the field modulus " + modulus + " (non-canonical)");
}

}  // namespace gpuexec
