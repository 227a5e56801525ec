// BLS12-381 base field element and its reference arithmetic (Montgomery form, R = 2^384).
#pragma once

#include <array>
#include <cstdint>

namespace gpuexec {

// Six little-endian u64 limbs holding x * 2^384 mod p: bit-identical to blst_fp and arkworks' Fp,
// so callers pass their arrays as they are.
struct Fp {
  std::array<uint64_t, 6> limbs{};
  friend bool operator==(const Fp&, const Fp&) = default;
};
static_assert(sizeof(Fp) == 48, "Fp must be 6 packed u64 limbs");

// A plain (non-Montgomery) 384-bit integer, little-endian limbs.
using Limbs = std::array<uint64_t, 6>;

namespace fp {

inline constexpr Limbs kModulus = {0xb9feffffffffaaab, 0x1eabfffeb153ffff, 0x6730d2a0f6b0f624,
                                   0x64774b84f38512bf, 0x4b1ba7b6434bacd7, 0x1a0111ea397fe69a};
// -p^-1 mod 2^64
inline constexpr uint64_t kInv = 0x89f3fffcfffcfffd;
// R mod p: the Montgomery form of 1.
inline constexpr Fp kOne = {{0x760900000002fffd, 0xebf4000bc40c0002, 0x5f48985753c758ba,
                             0x77ce585370525745, 0x5c071a97a256ec6d, 0x15f65ec3fa80e493}};
// R^2 mod p: multiplying by it converts into Montgomery form.
inline constexpr Fp kR2 = {{0xf4df1f341c341746, 0x0a76e6a609d104f1, 0x8de5476c4c95b6d5,
                            0x67eb88a9939d83c0, 0x9a793e85b519952d, 0x11988fe592cae3aa}};
inline constexpr Fp kZero{};

using u128 = unsigned __int128;

// One limb of a carry chain; compilers turn these builtins into adc / sbb.
inline uint64_t add_carry(uint64_t a, uint64_t b, uint64_t& carry) {
  uint64_t s;
  const uint64_t c1 = __builtin_add_overflow(a, b, &s);
  const uint64_t c2 = __builtin_add_overflow(s, carry, &s);
  carry = c1 | c2;
  return s;
}

inline uint64_t sub_borrow(uint64_t a, uint64_t b, uint64_t& borrow) {
  uint64_t d;
  const uint64_t b1 = __builtin_sub_overflow(a, b, &d);
  const uint64_t b2 = __builtin_sub_overflow(d, borrow, &d);
  borrow = b1 | b2;
  return d;
}

// r - p when r >= p, else r; r must be below 2p. GCC turns the select into cmov (a mask and/or
// measured 2.5x slower).
inline void reduce_once(uint64_t r[6]) {
  uint64_t t[6];
  uint64_t borrow = 0;
  for (int i = 0; i < 6; ++i) t[i] = sub_borrow(r[i], kModulus[i], borrow);
  for (int i = 0; i < 6; ++i) r[i] = borrow ? r[i] : t[i];
}

inline Fp add(const Fp& a, const Fp& b) {
  // a + b < 2p < 2^382: no carry leaves the top limb.
  Fp r;
  uint64_t carry = 0;
  for (int i = 0; i < 6; ++i) r.limbs[i] = add_carry(a.limbs[i], b.limbs[i], carry);
  reduce_once(r.limbs.data());
  return r;
}

inline Fp sub(const Fp& a, const Fp& b) {
  Fp r;
  uint64_t borrow = 0;
  for (int i = 0; i < 6; ++i) r.limbs[i] = sub_borrow(a.limbs[i], b.limbs[i], borrow);
  const uint64_t mask = 0 - borrow;  // add p back when a < b
  uint64_t carry = 0;
  for (int i = 0; i < 6; ++i) r.limbs[i] = add_carry(r.limbs[i], kModulus[i] & mask, carry);
  return r;
}

inline bool is_zero(const Fp& a) {
  uint64_t acc = 0;
  for (uint64_t l : a.limbs) acc |= l;
  return acc == 0;
}

inline Fp neg(const Fp& a) {
  return sub(kZero, a);
}

// Montgomery multiplication, CIOS with the "no final carry" shortcut: p's top limb is below
// 2^63 - 1, so the running total never needs a seventh limb.
inline Fp mul(const Fp& a, const Fp& b) {
  uint64_t t[6] = {0, 0, 0, 0, 0, 0};
  // Full unrolling keeps t in registers: about 1.8x faster with GCC 12.
#pragma GCC unroll 6
  for (int i = 0; i < 6; ++i) {
    const uint64_t bi = b.limbs[i];
    u128 acc = static_cast<u128>(a.limbs[0]) * bi + t[0];
    uint64_t A = static_cast<uint64_t>(acc >> 64);
    const uint64_t t0 = static_cast<uint64_t>(acc);
    const uint64_t m = t0 * kInv;
    u128 red = static_cast<u128>(m) * kModulus[0] + t0;
    uint64_t C = static_cast<uint64_t>(red >> 64);
#pragma GCC unroll 5
    for (int j = 1; j < 6; ++j) {
      acc = static_cast<u128>(a.limbs[j]) * bi + t[j] + A;
      A = static_cast<uint64_t>(acc >> 64);
      red = static_cast<u128>(m) * kModulus[j] + static_cast<uint64_t>(acc) + C;
      C = static_cast<uint64_t>(red >> 64);
      t[j - 1] = static_cast<uint64_t>(red);
    }
    t[5] = C + A;
  }
  reduce_once(t);
  Fp r;
  for (int i = 0; i < 6; ++i) r.limbs[i] = t[i];
  return r;
}

inline Fp sqr(const Fp& a) {
  return mul(a, a);
}

inline Fp to_montgomery(const Limbs& x) {
  return mul(Fp{x}, kR2);
}

inline Limbs from_montgomery(const Fp& a) {
  return mul(a, Fp{{1, 0, 0, 0, 0, 0}}).limbs;
}

// True when the plain integer x is a canonical field value (x < p).
inline bool is_canonical(const Limbs& x) {
  for (int i = 5; i >= 0; --i) {
    if (x[i] != kModulus[i]) return x[i] < kModulus[i];
  }
  return false;
}

}  // namespace fp
}  // namespace gpuexec
