// The prime fields gpuexec computes in, each described once: the C++ reference
// (montgomery.hpp), the shader generator (tools/shadergen) and the runtime all read these.
// Adding a field is a new description here, not a copy of the arithmetic.
#pragma once

#include <array>
#include <cstddef>
#include <cstdint>
#include <string_view>
#include <type_traits>

namespace gpuexec {

// An odd prime modulus m over N little-endian u64 limbs, with the Montgomery constants for
// R = 2^(64 N). Elements live in memory as N u64 limbs of x * R mod m (blst / arkworks layout).
template <std::size_t N>
struct FieldParams {
  static constexpr std::size_t kLimbs = N;
  static constexpr std::size_t kElementBytes = 8 * N;

  const char* name;  // lower case, as in shaders/kernels.list: "fp", "fr"
  unsigned modulus_bits;
  std::array<uint64_t, N> modulus;
  uint64_t inv;                 // -m^-1 mod 2^64
  std::array<uint64_t, N> one;  // R mod m: the Montgomery form of 1
  std::array<uint64_t, N> r2;   // R^2 mod m: multiplying by it converts into Montgomery form
};

// BLS12-381 base field: p, 381 bits, R = 2^384.
inline constexpr FieldParams<6> kFpParams{
    "fp",
    381,
    {0xb9feffffffffaaab, 0x1eabfffeb153ffff, 0x6730d2a0f6b0f624, 0x64774b84f38512bf,
     0x4b1ba7b6434bacd7, 0x1a0111ea397fe69a},
    0x89f3fffcfffcfffd,
    {0x760900000002fffd, 0xebf4000bc40c0002, 0x5f48985753c758ba, 0x77ce585370525745,
     0x5c071a97a256ec6d, 0x15f65ec3fa80e493},
    {0xf4df1f341c341746, 0x0a76e6a609d104f1, 0x8de5476c4c95b6d5, 0x67eb88a9939d83c0,
     0x9a793e85b519952d, 0x11988fe592cae3aa},
};

// BLS12-381 scalar field: r, 255 bits, R = 2^256 (blst_fr / arkworks Fr).
inline constexpr FieldParams<4> kFrParams{
    "fr",
    255,
    {0xffffffff00000001, 0x53bda402fffe5bfe, 0x3339d80809a1d805, 0x73eda753299d7d48},
    0xfffffffeffffffff,
    {0x00000001fffffffe, 0x5884b7fa00034802, 0x998c4fefecbc4ff5, 0x1824b159acc5056f},
    {0xc999e990f3f29c6d, 0x2b6cedcb87925c23, 0x05d314967254398f, 0x0748d9d99f59ff11},
};

// Each enumerator is its description's name, capitalised.
enum class FieldId : uint8_t { Fp, Fr };

// Every known field in FieldId order, for code that walks them all (the shader generator):
// f(FieldId, const FieldParams<N>&).
template <typename F>
constexpr void for_each_field(F&& f) {
  f(FieldId::Fp, kFpParams);
  f(FieldId::Fr, kFrParams);
}

// What a runtime needs of a field without its template: sizes and name.
struct FieldInfo {
  FieldId id;
  std::string_view name;
  uint32_t limbs;  // u64 limbs
  uint32_t element_bytes;
};

constexpr FieldInfo field_info(FieldId id) {
  FieldInfo out{};
  for_each_field([&](FieldId fid, const auto& params) {
    if (fid == id) {
      using Params = std::remove_cvref_t<decltype(params)>;
      out = {fid, params.name, static_cast<uint32_t>(Params::kLimbs),
             static_cast<uint32_t>(Params::kElementBytes)};
    }
  });
  return out;
}

}  // namespace gpuexec
