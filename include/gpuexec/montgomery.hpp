// Montgomery arithmetic over N u64 limbs, one template for every field of field_params.hpp
// (after sppark's mont_t): the constants are parameters, so each field is a description, not a
// copy of the code. Every function is constexpr, so a description is checked at compile time.
#pragma once

#include <array>
#include <cstddef>
#include <cstdint>
#include <type_traits>

#include "gpuexec/field_params.hpp"

namespace gpuexec {

// An element of an N-limb field for code that wants no named type (Fp has its own).
template <std::size_t N>
struct MontElement {
  std::array<uint64_t, N> limbs{};
  friend bool operator==(const MontElement&, const MontElement&) = default;
};

namespace montgomery {

using u128 = unsigned __int128;

// One limb of a carry chain; compilers turn these builtins into adc / sbb.
constexpr uint64_t add_carry(uint64_t a, uint64_t b, uint64_t& carry) {
  uint64_t s = 0;
  const uint64_t c1 = __builtin_add_overflow(a, b, &s);
  const uint64_t c2 = __builtin_add_overflow(s, carry, &s);
  carry = c1 | c2;
  return s;
}

constexpr uint64_t sub_borrow(uint64_t a, uint64_t b, uint64_t& borrow) {
  uint64_t d = 0;
  const uint64_t b1 = __builtin_sub_overflow(a, b, &d);
  const uint64_t b2 = __builtin_sub_overflow(d, borrow, &d);
  borrow = b1 | b2;
  return d;
}

}  // namespace montgomery

// The field P describes (a FieldParams<N>); Elem is a struct whose one member is
// `std::array<uint64_t, N> limbs` in Montgomery form (Fp, MontElement<N>).
template <const auto& P, typename Elem = MontElement<std::remove_cvref_t<decltype(P)>::kLimbs>>
struct MontgomeryField {
  static constexpr std::size_t N = std::remove_cvref_t<decltype(P)>::kLimbs;
  using Limbs = std::array<uint64_t, N>;  // a plain (non-Montgomery) integer
  using Element = Elem;

  static constexpr const auto& kParams = P;
  static constexpr Limbs kModulus = P.modulus;
  static constexpr Elem kZero{};
  static constexpr Elem kOne{P.one};
  static constexpr Elem kR2{P.r2};

  // 2m < 2^(64 N): the sum of two elements never carries out of the top limb.
  static constexpr bool kSpareBit = (P.modulus[N - 1] >> 63) == 0;
  // The "no final carry" CIOS shortcut: with the top limb below 2^63 - 1 the running total of
  // a product never needs an extra limb.
  static constexpr bool kNoFinalCarry = P.modulus[N - 1] < 0x7fffffffffffffff;

  // (carry, r) - m when that is >= 0, else r; (carry, r) must be below 2m. GCC turns the select
  // into cmov (a mask and/or measured 2.5x slower).
  static constexpr void reduce_once(uint64_t* r, uint64_t carry = 0) {
    uint64_t t[N];
    uint64_t borrow = 0;
    for (std::size_t i = 0; i < N; ++i) t[i] = montgomery::sub_borrow(r[i], P.modulus[i], borrow);
    const bool keep = borrow > carry;  // r < m and nothing above it
    for (std::size_t i = 0; i < N; ++i) r[i] = keep ? r[i] : t[i];
  }

  static constexpr Elem add(const Elem& a, const Elem& b) {
    Elem r;
    uint64_t carry = 0;
    for (std::size_t i = 0; i < N; ++i) {
      r.limbs[i] = montgomery::add_carry(a.limbs[i], b.limbs[i], carry);
    }
    reduce_once(r.limbs.data(), kSpareBit ? 0 : carry);
    return r;
  }

  static constexpr Elem sub(const Elem& a, const Elem& b) {
    Elem r;
    uint64_t borrow = 0;
    for (std::size_t i = 0; i < N; ++i) {
      r.limbs[i] = montgomery::sub_borrow(a.limbs[i], b.limbs[i], borrow);
    }
    const uint64_t mask = 0 - borrow;  // add m back when a < b
    uint64_t carry = 0;
    for (std::size_t i = 0; i < N; ++i) {
      r.limbs[i] = montgomery::add_carry(r.limbs[i], P.modulus[i] & mask, carry);
    }
    return r;
  }

  static constexpr Elem neg(const Elem& a) { return sub(kZero, a); }

  static constexpr bool is_zero(const Elem& a) {
    uint64_t acc = 0;
    for (uint64_t l : a.limbs) acc |= l;
    return acc == 0;
  }

  // a * b * R^-1 mod m: CIOS (Koc, Acar, Kaliski 1996).
  static constexpr Elem mul(const Elem& a, const Elem& b) {
    if constexpr (kNoFinalCarry) {
      return mul_no_final_carry(a, b);
    } else {
      return mul_general(a, b);
    }
  }

  static constexpr Elem sqr(const Elem& a) { return mul(a, a); }

  static constexpr Elem to_montgomery(const Limbs& x) { return mul(Elem{x}, kR2); }

  static constexpr Limbs from_montgomery(const Elem& a) {
    Elem plain_one;
    plain_one.limbs[0] = 1;
    return mul(a, plain_one).limbs;
  }

  // True when the plain integer x is a canonical field value (x < m).
  static constexpr bool is_canonical(const Limbs& x) {
    for (std::size_t i = N; i-- > 0;) {
      if (x[i] != P.modulus[i]) return x[i] < P.modulus[i];
    }
    return false;
  }

  // The description's constants agree with its modulus; static_assert it per field.
  static constexpr bool description_is_consistent() {
    Limbs plain_one{};
    plain_one[0] = 1;
    return (P.modulus[0] & 1) == 1 && P.modulus[0] * P.inv == ~uint64_t{0} && is_canonical(P.one) &&
           is_canonical(P.r2) && mul(kOne, kOne) == kOne &&  // only R is its own Montgomery square
           mul(kR2, Elem{plain_one}) == kOne;                // R^2 * R^-1 = R
  }

 private:
  static constexpr Elem mul_no_final_carry(const Elem& a, const Elem& b) {
    using montgomery::u128;
    uint64_t t[N] = {};
    // Full unrolling keeps t in registers: about 1.8x faster with GCC 12.
#pragma GCC unroll 16
    for (std::size_t i = 0; i < N; ++i) {
      const uint64_t bi = b.limbs[i];
      u128 acc = static_cast<u128>(a.limbs[0]) * bi + t[0];
      uint64_t A = static_cast<uint64_t>(acc >> 64);
      const uint64_t t0 = static_cast<uint64_t>(acc);
      const uint64_t m = t0 * P.inv;
      u128 red = static_cast<u128>(m) * P.modulus[0] + t0;
      uint64_t C = static_cast<uint64_t>(red >> 64);
#pragma GCC unroll 16
      for (std::size_t j = 1; j < N; ++j) {
        acc = static_cast<u128>(a.limbs[j]) * bi + t[j] + A;
        A = static_cast<uint64_t>(acc >> 64);
        red = static_cast<u128>(m) * P.modulus[j] + static_cast<uint64_t>(acc) + C;
        C = static_cast<uint64_t>(red >> 64);
        t[j - 1] = static_cast<uint64_t>(red);
      }
      t[N - 1] = C + A;
    }
    reduce_once(t);
    Elem r;
    for (std::size_t i = 0; i < N; ++i) r.limbs[i] = t[i];
    return r;
  }

  // Textbook CIOS with two extra limbs, for moduli whose top limb leaves no room.
  static constexpr Elem mul_general(const Elem& a, const Elem& b) {
    using montgomery::u128;
    uint64_t t[N + 2] = {};
#pragma GCC unroll 16
    for (std::size_t i = 0; i < N; ++i) {
      const uint64_t bi = b.limbs[i];
      uint64_t C = 0;
#pragma GCC unroll 16
      for (std::size_t j = 0; j < N; ++j) {
        const u128 acc = static_cast<u128>(a.limbs[j]) * bi + t[j] + C;
        t[j] = static_cast<uint64_t>(acc);
        C = static_cast<uint64_t>(acc >> 64);
      }
      u128 acc = static_cast<u128>(t[N]) + C;
      t[N] = static_cast<uint64_t>(acc);
      t[N + 1] = static_cast<uint64_t>(acc >> 64);
      const uint64_t m = t[0] * P.inv;
      u128 red = static_cast<u128>(m) * P.modulus[0] + t[0];
      C = static_cast<uint64_t>(red >> 64);
#pragma GCC unroll 16
      for (std::size_t j = 1; j < N; ++j) {
        red = static_cast<u128>(m) * P.modulus[j] + t[j] + C;
        t[j - 1] = static_cast<uint64_t>(red);
        C = static_cast<uint64_t>(red >> 64);
      }
      acc = static_cast<u128>(t[N]) + C;
      t[N - 1] = static_cast<uint64_t>(acc);
      t[N] = t[N + 1] + static_cast<uint64_t>(acc >> 64);
    }
    reduce_once(t, t[N]);  // the result is below 2m: t[N] is 0 or 1
    Elem r;
    for (std::size_t i = 0; i < N; ++i) r.limbs[i] = t[i];
    return r;
  }
};

}  // namespace gpuexec
