// The BMI2/ADX tables: field_loops.hpp's loops over mont_asm_x86.hpp's primitives. Nothing here
// is compiled with -mbmi2/-madx, so no inline function of a shared header can pick up an
// instruction an older CPU lacks (the linker may keep any one copy of it); only the assembly
// uses them, reached through field_kernels.cpp after cpuid said yes. The constants come from
// each field's one description (kFpParams, kFrParams).
#include "cpu/field_kernels_adx.hpp"

#if defined(__x86_64__)

#include <x86intrin.h>

#include "cpu/field_loops.hpp"
#include "cpu/mont_asm_x86.hpp"

namespace gpuexec::cpu {
namespace {

using namespace x86;
using ull = unsigned long long;

// The ADX arithmetic over the description P (N = 4 or 6): the Arith of field_loops.hpp.
template <const auto& P, typename Elem>
struct AdxArith {
  static constexpr std::size_t N = std::remove_cvref_t<decltype(P)>::kLimbs;
  using Limbs = std::array<uint64_t, N>;
  static_assert(N == 4 || N == 6);
  static_assert(MontgomeryField<P, Elem>::kSpareBit && MontgomeryField<P, Elem>::kNoFinalCarry,
                "the assembly assumes a spare bit above the modulus");

  static void mont_mul(uint64_t* r, const uint64_t* a, const uint64_t* b) {
    if constexpr (N == 6) {
      mul6(r, a, b, P.modulus.data(), P.inv);
    } else {
      mul4(r, a, b, P.modulus.data(), P.inv);
    }
  }
  static Elem mul(const Elem& a, const Elem& b) {
    Elem r;
    mont_mul(r.limbs.data(), a.limbs.data(), b.limbs.data());
    return r;
  }
  static Elem sqr(const Elem& a) { return mul(a, a); }

  static Elem add(const Elem& a, const Elem& b) {
    Elem r;
    if constexpr (N == 6) {
      add6(r.limbs.data(), a.limbs.data(), b.limbs.data(), P.modulus.data());
    } else {
      add4(r.limbs.data(), a.limbs.data(), b.limbs.data(), P.modulus.data());
    }
    return r;
  }
  static Elem sub(const Elem& a, const Elem& b) {
    Elem r;
    if constexpr (N == 6) {
      sub6(r.limbs.data(), a.limbs.data(), b.limbs.data(), P.modulus.data());
    } else {
      sub4(r.limbs.data(), a.limbs.data(), b.limbs.data(), P.modulus.data());
    }
    return r;
  }
  static Elem neg(const Elem& a) { return sub(Elem{}, a); }

  static Elem to_montgomery(const Limbs& x) {
    Elem r;
    mont_mul(r.limbs.data(), x.data(), P.r2.data());
    return r;
  }
  static Limbs from_montgomery(const Elem& a) {
    Limbs r;
    if constexpr (N == 6) {
      redc6(r.data(), a.limbs.data(), P.modulus.data(), P.inv);
    } else {
      redc4(r.data(), a.limbs.data(), P.modulus.data(), P.inv);
    }
    return r;
  }
  // x < p exactly when x - p borrows: one sbb chain, no branch per limb.
  static bool is_canonical(const Limbs& x) {
    unsigned char borrow = 0;
    for (std::size_t i = 0; i < N; ++i) {
      ull d;
      borrow = _subborrow_u64(borrow, x[i], P.modulus[i], &d);
    }
    return borrow != 0;
  }
};

constexpr FpKernels kAdxFp = loops::Loops<AdxArith<kFpParams, Fp>, Fp>::table();
constexpr FrKernels kAdxFr = loops::Loops<AdxArith<kFrParams, FrElem>, FrElem>::table();

}  // namespace

const FpKernels* adx_fp_kernels() {
  return &kAdxFp;
}
const FrKernels* adx_fr_kernels() {
  return &kAdxFr;
}

}  // namespace gpuexec::cpu

#else  // not x86-64: no ADX tables

namespace gpuexec::cpu {
const FpKernels* adx_fp_kernels() {
  return nullptr;
}
const FrKernels* adx_fr_kernels() {
  return nullptr;
}
}  // namespace gpuexec::cpu

#endif
