// BLS12-381 base field element and its reference arithmetic (Montgomery form, R = 2^384): the
// Montgomery template of montgomery.hpp over the description kFpParams.
#pragma once

#include <array>
#include <cstdint>

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

}  // namespace fp
}  // namespace gpuexec
