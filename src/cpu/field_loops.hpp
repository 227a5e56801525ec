// The per-element loops of a FieldKernels table, over any arithmetic A (the portable template or
// the ADX code), so both implementations run the same loops. Internal to field_kernels*.cpp.
//
// A provides, for its Elem of N limbs: add, sub, neg, mul, sqr (Elem, Elem) -> Elem,
// to_montgomery(Limbs) -> Elem, from_montgomery(Elem) -> Limbs, is_canonical(Limbs) -> bool.
#pragma once

#include <array>
#include <bit>
#include <cstring>

#include "cpu/field_kernels.hpp"

namespace gpuexec::cpu::loops {

template <std::size_t N>
using Limbs = std::array<uint64_t, N>;

// The encoding's last 8 bytes are limb 0 (big-endian): one load and one bswap per limb.
template <std::size_t N>
inline Limbs<N> load_be(const uint8_t* in) {
  Limbs<N> x;
  for (std::size_t i = 0; i < N; ++i) {
    uint64_t w;
    std::memcpy(&w, in + 8 * (N - 1 - i), 8);
    if constexpr (std::endian::native == std::endian::little) w = __builtin_bswap64(w);
    x[i] = w;
  }
  return x;
}

template <std::size_t N>
inline void store_be(const Limbs<N>& x, uint8_t* out) {
  for (std::size_t i = 0; i < N; ++i) {
    uint64_t w = x[i];
    if constexpr (std::endian::native == std::endian::little) w = __builtin_bswap64(w);
    std::memcpy(out + 8 * (N - 1 - i), &w, 8);
  }
}

template <typename A, typename Elem>
struct Loops {
  static constexpr std::size_t N = sizeof(Elem) / 8;

  static void add(const Elem* a, const Elem* b, Elem* out, std::size_t n) {
    for (std::size_t i = 0; i < n; ++i) out[i] = A::add(a[i], b[i]);
  }
  static void sub(const Elem* a, const Elem* b, Elem* out, std::size_t n) {
    for (std::size_t i = 0; i < n; ++i) out[i] = A::sub(a[i], b[i]);
  }
  static void mul(const Elem* a, const Elem* b, Elem* out, std::size_t n) {
    for (std::size_t i = 0; i < n; ++i) out[i] = A::mul(a[i], b[i]);
  }
  static void mad(const Elem* a, const Elem* b, const Elem* c, Elem* out, std::size_t n) {
    for (std::size_t i = 0; i < n; ++i) out[i] = A::add(A::mul(a[i], b[i]), c[i]);
  }
  static void neg(const Elem* a, Elem* out, std::size_t n) {
    for (std::size_t i = 0; i < n; ++i) out[i] = A::neg(a[i]);
  }
  static void sqr(const Elem* a, Elem* out, std::size_t n) {
    for (std::size_t i = 0; i < n; ++i) out[i] = A::sqr(a[i]);
  }
  static std::size_t from_be_bytes(const uint8_t* in, Elem* out, std::size_t n) {
    std::size_t bad = n;
    for (std::size_t i = 0; i < n; ++i) {
      const Limbs<N> x = load_be<N>(in + i * sizeof(Elem));
      // A bad value is converted anyway (one pass, one well-predicted branch); the caller rejects
      // it.
      if (!A::is_canonical(x) && bad == n) [[unlikely]]
        bad = i;
      out[i] = A::to_montgomery(x);
    }
    return bad;
  }
  static void to_be_bytes(const Elem* in, uint8_t* out, std::size_t n) {
    for (std::size_t i = 0; i < n; ++i)
      store_be<N>(A::from_montgomery(in[i]), out + i * sizeof(Elem));
  }
  static std::size_t first_unreduced(const Elem* v, std::size_t n) {
    for (std::size_t i = 0; i < n; ++i) {
      if (!A::is_canonical(v[i].limbs)) return i;
    }
    return n;
  }

  static constexpr FieldKernels<Elem> table() {
    return {add, sub, mul, mad, neg, sqr, from_be_bytes, to_be_bytes, first_unreduced};
  }
};

}  // namespace gpuexec::cpu::loops
