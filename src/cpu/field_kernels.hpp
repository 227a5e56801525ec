// Batch field arithmetic and conversions for the CPU backend: one table of function pointers per
// field, chosen once (at first use) between the x86-64 BMI2/ADX code and the portable template
// (montgomery.hpp), so the choice costs one indirect call per batch, never per element.
//
// Every function works on n elements on the calling thread; callers spread large batches over
// cores with parallel_for (or the parallel_* helpers at the end). Elements are Montgomery limbs
// below the modulus; an input that is not gives an unspecified (but memory-safe) result. out may
// be the same array as any input (in place), but must not overlap one partially.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string_view>

#include "gpuexec/field_params.hpp"
#include "gpuexec/fp.hpp"
#include "gpuexec/fr.hpp"
#include "gpuexec/montgomery.hpp"

namespace gpuexec::cpu {

// The Fr element (blst_fr / arkworks Fr layout).
using FrElem = Fr;

template <typename Elem>
struct FieldKernels {
  static constexpr std::size_t kBytes = sizeof(Elem);  // 48 (Fp) or 32 (Fr), as encoded

  // out[i] = a[i] op b[i]
  void (*add)(const Elem* a, const Elem* b, Elem* out, std::size_t n);
  void (*sub)(const Elem* a, const Elem* b, Elem* out, std::size_t n);
  void (*mul)(const Elem* a, const Elem* b, Elem* out, std::size_t n);
  // out[i] = a[i] * b[i] + c[i]
  void (*mad)(const Elem* a, const Elem* b, const Elem* c, Elem* out, std::size_t n);
  // out[i] = -a[i], a[i]^2
  void (*neg)(const Elem* a, Elem* out, std::size_t n);
  void (*sqr)(const Elem* a, Elem* out, std::size_t n);
  // n canonical big-endian encodings (kBytes each, back to back) -> Montgomery limbs, checked in
  // the same pass. Returns the index of the first value not below the modulus, or n when all
  // are; out's elements from that index on are then unspecified.
  std::size_t (*from_be_bytes)(const uint8_t* in, Elem* out, std::size_t n);
  // Montgomery limbs -> n canonical big-endian encodings of kBytes each.
  void (*to_be_bytes)(const Elem* in, uint8_t* out, std::size_t n);
  // The index of the first element whose limbs are not below the modulus, or n.
  std::size_t (*first_unreduced)(const Elem* v, std::size_t n);
};

using FpKernels = FieldKernels<Fp>;
using FrKernels = FieldKernels<FrElem>;

enum class CpuArith : uint8_t { Portable, Adx };

// True when this CPU has BMI2 and ADX (cpuid).
bool cpu_has_adx();
// The arithmetic every batch here uses: Adx where the CPU has it, unless GPUEXEC_CPU_ARITH
// asks for portable. Fixed at first use.
CpuArith cpu_arith();
std::string_view cpu_arith_name(CpuArith a);  // "portable", "adx"

// The tables in use (cpu_arith()'s).
const FpKernels& fp_kernels();
const FrKernels& fr_kernels();
// A given implementation, for tests and benchmarks; nullptr when this CPU cannot run it.
const FpKernels* fp_kernels(CpuArith a);
const FrKernels* fr_kernels(CpuArith a);

// The batch entry points over the tables in use, for callers that want plain functions.
inline void fp_add_n(const Fp* a, const Fp* b, Fp* out, std::size_t n) {
  fp_kernels().add(a, b, out, n);
}
inline void fp_sub_n(const Fp* a, const Fp* b, Fp* out, std::size_t n) {
  fp_kernels().sub(a, b, out, n);
}
inline void fp_mul_n(const Fp* a, const Fp* b, Fp* out, std::size_t n) {
  fp_kernels().mul(a, b, out, n);
}
inline void fp_mad_n(const Fp* a, const Fp* b, const Fp* c, Fp* out, std::size_t n) {
  fp_kernels().mad(a, b, c, out, n);
}
inline void fr_add_n(const FrElem* a, const FrElem* b, FrElem* out, std::size_t n) {
  fr_kernels().add(a, b, out, n);
}
inline void fr_sub_n(const FrElem* a, const FrElem* b, FrElem* out, std::size_t n) {
  fr_kernels().sub(a, b, out, n);
}
inline void fr_mul_n(const FrElem* a, const FrElem* b, FrElem* out, std::size_t n) {
  fr_kernels().mul(a, b, out, n);
}
inline void fr_mad_n(const FrElem* a, const FrElem* b, const FrElem* c, FrElem* out,
                     std::size_t n) {
  fr_kernels().mad(a, b, c, out, n);
}

// On all cores (parallel_for): the first unreduced index or n; conversions as the table's, the
// returned index the smallest bad one.
std::size_t parallel_first_unreduced(const Fp* v, std::size_t n);
std::size_t parallel_first_unreduced(const FrElem* v, std::size_t n);
std::size_t parallel_from_be_bytes(const uint8_t* in, Fp* out, std::size_t n);
std::size_t parallel_from_be_bytes(const uint8_t* in, FrElem* out, std::size_t n);
void parallel_to_be_bytes(const Fp* in, uint8_t* out, std::size_t n);
void parallel_to_be_bytes(const FrElem* in, uint8_t* out, std::size_t n);

}  // namespace gpuexec::cpu
