// BLS12-381 scalar field element and its reference arithmetic (Montgomery form, R = 2^256): the
// Montgomery template of montgomery.hpp over the description kFrParams, plus what the NTT needs
// (powers, inverses, the two-adic roots of unity).
#pragma once

#include <array>
#include <cstdint>

#include "gpuexec/field_params.hpp"
#include "gpuexec/montgomery.hpp"

namespace gpuexec {

// Four little-endian u64 limbs holding x * 2^256 mod r: bit-identical to blst_fr and arkworks'
// Fr, so callers pass their arrays as they are.
struct Fr {
  std::array<uint64_t, 4> limbs{};
  friend bool operator==(const Fr&, const Fr&) = default;
};
static_assert(sizeof(Fr) == 32, "Fr must be 4 packed u64 limbs");
static_assert(sizeof(Fr) == kFrParams.kElementBytes);

namespace fr {

using Field = MontgomeryField<kFrParams, Fr>;
static_assert(Field::description_is_consistent(), "kFrParams: constants disagree with r");
static_assert(Field::kNoFinalCarry, "r's top limb allows the fast CIOS");

// A plain (non-Montgomery) 256-bit integer, little-endian limbs.
using Limbs = std::array<uint64_t, 4>;

inline constexpr Limbs kModulus = kFrParams.modulus;
inline constexpr Fr kZero{};
inline constexpr Fr kOne = Field::kOne;
inline constexpr Fr kR2 = Field::kR2;

// r - 1 = 2^32 * t with t odd: the multiplicative group holds roots of unity of order up to 2^32.
inline constexpr unsigned kTwoAdicity = 32;
// w32 = 7^((r-1)/2^32) mod r, a primitive 2^32-th root of unity (arkworks' and blst's), plain.
inline constexpr Limbs kRootOfUnity32 = {0x3829971f439f0d2b, 0xb63683508c2280b9, 0xd09b681922c813b4,
                                         0x16a2a19edfe81f20};

constexpr Fr add(const Fr& a, const Fr& b) {
  return Field::add(a, b);
}
constexpr Fr sub(const Fr& a, const Fr& b) {
  return Field::sub(a, b);
}
constexpr Fr neg(const Fr& a) {
  return Field::neg(a);
}
constexpr Fr mul(const Fr& a, const Fr& b) {
  return Field::mul(a, b);
}
constexpr Fr sqr(const Fr& a) {
  return Field::sqr(a);
}
constexpr bool is_zero(const Fr& a) {
  return Field::is_zero(a);
}
constexpr Fr to_montgomery(const Limbs& x) {
  return Field::to_montgomery(x);
}
constexpr Limbs from_montgomery(const Fr& a) {
  return Field::from_montgomery(a);
}
// True when the plain integer x is a canonical field value (x < r).
constexpr bool is_canonical(const Limbs& x) {
  return Field::is_canonical(x);
}
// The element of a small integer.
constexpr Fr from_u64(uint64_t x) {
  return to_montgomery(Limbs{x, 0, 0, 0});
}

// a^e for a plain exponent of up to 256 bits (square and multiply, high bit first).
constexpr Fr pow(const Fr& a, const Limbs& e) {
  Fr acc = kOne;
  for (int i = 255; i >= 0; --i) {
    acc = sqr(acc);
    if ((e[i / 64] >> (i % 64)) & 1) acc = mul(acc, a);
  }
  return acc;
}
constexpr Fr pow(const Fr& a, uint64_t e) {
  return pow(a, Limbs{e, 0, 0, 0});
}
// a^-1 = a^(r-2) (Fermat); zero for zero.
constexpr Fr inverse(const Fr& a) {
  Limbs e = kModulus;
  e[0] -= 2;  // r's low limb ends in ...0001: no borrow
  return pow(a, e);
}

// The primitive 2^log_n-th root of unity w32^(2^(32-log_n)) that the NTT uses (log_n <= 32).
constexpr Fr root_of_unity(unsigned log_n) {
  Fr w = to_montgomery(kRootOfUnity32);
  for (unsigned i = log_n; i < kTwoAdicity; ++i) w = sqr(w);
  return w;
}

}  // namespace fr
}  // namespace gpuexec
