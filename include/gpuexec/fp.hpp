// BLS12-381 base field element and its reference arithmetic (Montgomery form, R = 2^384): the
// Montgomery template of montgomery.hpp over the description kFpParams.
#pragma once

#include <array>
#include <cstdint>
#include <optional>

#include "gpuexec/field_params.hpp"
#include "gpuexec/montgomery.hpp"

namespace gpuexec {

// Six little-endian u64 limbs holding x * 2^384 mod p: bit-identical to blst_fp and arkworks' Fp,
// so callers pass their arrays as they are.
struct Fp {
  std::array<uint64_t, 6> limbs{};
  friend bool operator==(const Fp&, const Fp&) = default;
};
static_assert(sizeof(Fp) == 48, "Fp must be 6 packed u64 limbs");
static_assert(sizeof(Fp) == kFpParams.kElementBytes);

// A plain (non-Montgomery) 384-bit integer, little-endian limbs.
using Limbs = std::array<uint64_t, 6>;

namespace fp {

using Field = MontgomeryField<kFpParams, Fp>;
static_assert(Field::description_is_consistent(), "kFpParams: constants disagree with p");
static_assert(Field::kNoFinalCarry, "p's top limb allows the fast CIOS");

inline constexpr Limbs kModulus = kFpParams.modulus;
// -p^-1 mod 2^64
inline constexpr uint64_t kInv = kFpParams.inv;
// R mod p: the Montgomery form of 1.
inline constexpr Fp kOne = Field::kOne;
// R^2 mod p: multiplying by it converts into Montgomery form.
inline constexpr Fp kR2 = Field::kR2;
inline constexpr Fp kZero{};

using montgomery::add_carry;
using montgomery::sub_borrow;
using montgomery::u128;

// r - p when r >= p, else r; r must be below 2p.
inline void reduce_once(uint64_t r[6]) {
  Field::reduce_once(r);
}

inline Fp add(const Fp& a, const Fp& b) {
  return Field::add(a, b);
}

inline Fp sub(const Fp& a, const Fp& b) {
  return Field::sub(a, b);
}

inline bool is_zero(const Fp& a) {
  return Field::is_zero(a);
}

inline Fp neg(const Fp& a) {
  return Field::neg(a);
}

inline Fp mul(const Fp& a, const Fp& b) {
  return Field::mul(a, b);
}

inline Fp sqr(const Fp& a) {
  return Field::sqr(a);
}

inline Fp to_montgomery(const Limbs& x) {
  return Field::to_montgomery(x);
}

inline Limbs from_montgomery(const Fp& a) {
  return Field::from_montgomery(a);
}

// True when the plain integer x is a canonical field value (x < p).
inline bool is_canonical(const Limbs& x) {
  return Field::is_canonical(x);
}

// a^e for a plain exponent of up to 384 bits (square and multiply, high bit first).
constexpr Fp pow(const Fp& a, const Limbs& e) {
  Fp acc = kOne;
  for (int i = 383; i >= 0; --i) {
    acc = Field::sqr(acc);
    if ((e[i / 64] >> (i % 64)) & 1) acc = Field::mul(acc, a);
  }
  return acc;
}

// a^-1 = a^(p-2) (Fermat); zero for zero.
constexpr Fp inverse(const Fp& a) {
  Limbs e = kModulus;
  e[0] -= 2;  // p's low limb ends in ...aaab: no borrow
  return pow(a, e);
}

// (p + 1) / 4: p = 3 mod 4, so a^((p+1)/4) is a square root of a whenever a has one.
inline constexpr Limbs kSqrtExponent = [] {
  Limbs e = kModulus;
  uint64_t carry = 1;
  for (auto& l : e) l = add_carry(l, 0, carry);  // p + 1 < 2^384: no carry out
  for (std::size_t i = 0; i < 6; ++i) e[i] = (e[i] >> 2) | (i + 1 < 6 ? e[i + 1] << 62 : 0);
  return e;
}();

// A square root of a (either one), or nullopt when a is not a square mod p.
constexpr std::optional<Fp> sqrt(const Fp& a) {
  const Fp s = pow(a, kSqrtExponent);
  if (Field::sqr(s) != a) return std::nullopt;
  return s;
}

}  // namespace fp
}  // namespace gpuexec
