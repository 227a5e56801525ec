// x86-64 BMI2/ADX Montgomery primitives for 6- and 4-limb fields (inline assembly, AT&T syntax),
// included by field_kernels_adx.cpp only. Products use mulx with two carry chains, adcx on CF
// for the low halves and adox on OF for the high halves, as blst's mulx_mont_384; GCC turns
// _addcarryx_u64 into one serial adc chain, hence assembly. The modulus p and -p^-1 mod 2^64
// are operands, so one body serves every field of that limb count.
//
// Each body needs the top limb of p below 2^63 - 1 (CIOS without a final carry limb, sums of
// two elements without a carry out: MontgomeryField::kNoFinalCarry)
// and inputs below p. Every select is a cmov: the time never depends on the values.
#pragma once

#if defined(__x86_64__)

#include <cstdint>

namespace gpuexec::cpu::x86 {

// clang-format off

// (hi, lo) = rdx * src[off]; L += lo on CF's chain, H += hi on OF's chain.
#define GX_MA(src, off, L, H)                        \
  "mulxq " #off "(%[" #src "]), %[lo], %[hi]\n\t"    \
  "adcxq %[lo], %[" #L "]\n\t"                       \
  "adoxq %[hi], %[" #H "]\n\t"

// One CIOS reduction step: t += (t0 * inv) * p, which clears t0. T6 is the top limb; the sum
// fits in it, so no carry is lost.
#define GX_RED6(T0, T1, T2, T3, T4, T5, T6)          \
  "movq %[" #T0 "], %%rdx\n\t"                       \
  "imulq %[inv], %%rdx\n\t"                          \
  "xorl %k[hi], %k[hi]\n\t" /* clears CF and OF */   \
  GX_MA(p, 0, T0, T1)                                \
  GX_MA(p, 8, T1, T2)                                \
  GX_MA(p, 16, T2, T3)                               \
  GX_MA(p, 24, T3, T4)                               \
  GX_MA(p, 32, T4, T5)                               \
  GX_MA(p, 40, T5, T6)                               \
  "adcq $0, %[" #T6 "]\n\t"

#define GX_RED4(T0, T1, T2, T3, T4)                  \
  "movq %[" #T0 "], %%rdx\n\t"                       \
  "imulq %[inv], %%rdx\n\t"                          \
  "xorl %k[hi], %k[hi]\n\t"                          \
  GX_MA(p, 0, T0, T1)                                \
  GX_MA(p, 8, T1, T2)                                \
  GX_MA(p, 16, T2, T3)                               \
  GX_MA(p, 24, T3, T4)                               \
  "adcq $0, %[" #T4 "]\n\t"

// t += a * b[i] (the new top limb T6 starts at 0), then one reduction step. The registers
// rotate from round to round instead of moving: round k's T0 is t_k.
#define GX_ROUND6(boff, T0, T1, T2, T3, T4, T5, T6)  \
  "movq " #boff "(%[b]), %%rdx\n\t"                  \
  "xorl %k[" #T6 "], %k[" #T6 "]\n\t"                \
  GX_MA(a, 0, T0, T1)                                \
  GX_MA(a, 8, T1, T2)                                \
  GX_MA(a, 16, T2, T3)                               \
  GX_MA(a, 24, T3, T4)                               \
  GX_MA(a, 32, T4, T5)                               \
  GX_MA(a, 40, T5, T6)                               \
  "adcq $0, %[" #T6 "]\n\t"                          \
  GX_RED6(T0, T1, T2, T3, T4, T5, T6)

#define GX_ROUND4(boff, T0, T1, T2, T3, T4)          \
  "movq " #boff "(%[b]), %%rdx\n\t"                  \
  "xorl %k[" #T4 "], %k[" #T4 "]\n\t"                \
  GX_MA(a, 0, T0, T1)                                \
  GX_MA(a, 8, T1, T2)                                \
  GX_MA(a, 16, T2, T3)                               \
  GX_MA(a, 24, T3, T4)                               \
  "adcq $0, %[" #T4 "]\n\t"                          \
  GX_RED4(T0, T1, T2, T3, T4)

// The first row adds nothing to t: a plain mulx/adc chain.
#define GX_FIRST(L, H, off)                          \
  "mulxq " #off "(%[a]), %[lo], %[" #H "]\n\t"       \
  "adcq %[lo], %[" #L "]\n\t"

// F = R - p[off] on one borrow chain (the first limb with sub), then R = F where none was left.
#define GX_SUB_P0(R, F) "movq %[" #R "], %[" #F "]\n\tsubq 0(%[p]), %[" #F "]\n\t"
#define GX_SUB_P(R, F, off) "movq %[" #R "], %[" #F "]\n\tsbbq " #off "(%[p]), %[" #F "]\n\t"
#define GX_KEEP(R, F) "cmovncq %[" #F "], %[" #R "]\n\t"

#define GX_LOAD(src, R, off) "movq " #off "(%[" #src "]), %[" #R "]\n\t"
#define GX_CHAIN(ins, src, R, off) #ins "q " #off "(%[" #src "]), %[" #R "]\n\t"

// r = a * b / 2^384 mod p.
inline void mul6(uint64_t r[6], const uint64_t* a, const uint64_t* b, const uint64_t* p,
                 const uint64_t& inv) {
  uint64_t t0, t1, t2, t3, t4, t5, t6, lo, hi;
  asm("movq 0(%[b]), %%rdx\n\t"
      "mulxq 0(%[a]), %[t0], %[t1]\n\t"
      "mulxq 8(%[a]), %[lo], %[t2]\n\t"
      "addq %[lo], %[t1]\n\t"
      GX_FIRST(t2, t3, 16)
      GX_FIRST(t3, t4, 24)
      GX_FIRST(t4, t5, 32)
      GX_FIRST(t5, t6, 40)
      "adcq $0, %[t6]\n\t"
      GX_RED6(t0, t1, t2, t3, t4, t5, t6)
      GX_ROUND6(8, t1, t2, t3, t4, t5, t6, t0)
      GX_ROUND6(16, t2, t3, t4, t5, t6, t0, t1)
      GX_ROUND6(24, t3, t4, t5, t6, t0, t1, t2)
      GX_ROUND6(32, t4, t5, t6, t0, t1, t2, t3)
      GX_ROUND6(40, t5, t6, t0, t1, t2, t3, t4)
      // t = (t6 t0 t1 t2 t3 t4) < 2p; t5 (now 0), lo, hi, a, b, rdx are free
      GX_SUB_P0(t6, lo) GX_SUB_P(t0, hi, 8) GX_SUB_P(t1, a, 16) GX_SUB_P(t2, b, 24)
      GX_SUB_P(t3, t5, 32)
      "movq %[t4], %%rdx\n\tsbbq 40(%[p]), %%rdx\n\t"
      GX_KEEP(t6, lo) GX_KEEP(t0, hi) GX_KEEP(t1, a) GX_KEEP(t2, b) GX_KEEP(t3, t5)
      "cmovncq %%rdx, %[t4]\n\t"
      : [t0] "=&r"(t0), [t1] "=&r"(t1), [t2] "=&r"(t2), [t3] "=&r"(t3), [t4] "=&r"(t4),
        [t5] "=&r"(t5), [t6] "=&r"(t6), [lo] "=&r"(lo), [hi] "=&r"(hi), [a] "+r"(a), [b] "+r"(b)
      : [p] "r"(p), [inv] "m"(inv)
      : "rdx", "cc", "memory");
  r[0] = t6, r[1] = t0, r[2] = t1, r[3] = t2, r[4] = t3, r[5] = t4;
}

// r = a / 2^384 mod p (out of Montgomery form): the reduction steps alone.
inline void redc6(uint64_t r[6], const uint64_t* a, const uint64_t* p, const uint64_t& inv) {
  uint64_t t0 = a[0], t1 = a[1], t2 = a[2], t3 = a[3], t4 = a[4], t5 = a[5], t6, lo, hi, s0, s1;
  asm("xorl %k[t6], %k[t6]\n\t" GX_RED6(t0, t1, t2, t3, t4, t5, t6)
      "xorl %k[t0], %k[t0]\n\t" GX_RED6(t1, t2, t3, t4, t5, t6, t0)
      "xorl %k[t1], %k[t1]\n\t" GX_RED6(t2, t3, t4, t5, t6, t0, t1)
      "xorl %k[t2], %k[t2]\n\t" GX_RED6(t3, t4, t5, t6, t0, t1, t2)
      "xorl %k[t3], %k[t3]\n\t" GX_RED6(t4, t5, t6, t0, t1, t2, t3)
      "xorl %k[t4], %k[t4]\n\t" GX_RED6(t5, t6, t0, t1, t2, t3, t4)
      GX_SUB_P0(t6, lo) GX_SUB_P(t0, hi, 8) GX_SUB_P(t1, s0, 16) GX_SUB_P(t2, s1, 24)
      GX_SUB_P(t3, t5, 32)
      "movq %[t4], %%rdx\n\tsbbq 40(%[p]), %%rdx\n\t"
      GX_KEEP(t6, lo) GX_KEEP(t0, hi) GX_KEEP(t1, s0) GX_KEEP(t2, s1) GX_KEEP(t3, t5)
      "cmovncq %%rdx, %[t4]\n\t"
      : [t0] "+&r"(t0), [t1] "+&r"(t1), [t2] "+&r"(t2), [t3] "+&r"(t3), [t4] "+&r"(t4),
        [t5] "+&r"(t5), [t6] "=&r"(t6), [lo] "=&r"(lo), [hi] "=&r"(hi), [s0] "=&r"(s0),
        [s1] "=&r"(s1)
      : [p] "r"(p), [inv] "m"(inv)
      : "rdx", "cc");
  r[0] = t6, r[1] = t0, r[2] = t1, r[3] = t2, r[4] = t3, r[5] = t4;
}

// r = a * b / 2^256 mod p.
inline void mul4(uint64_t r[4], const uint64_t* a, const uint64_t* b, const uint64_t* p,
                 const uint64_t& inv) {
  uint64_t t0, t1, t2, t3, t4, lo, hi;
  asm("movq 0(%[b]), %%rdx\n\t"
      "mulxq 0(%[a]), %[t0], %[t1]\n\t"
      "mulxq 8(%[a]), %[lo], %[t2]\n\t"
      "addq %[lo], %[t1]\n\t"
      GX_FIRST(t2, t3, 16)
      GX_FIRST(t3, t4, 24)
      "adcq $0, %[t4]\n\t"
      GX_RED4(t0, t1, t2, t3, t4)
      GX_ROUND4(8, t1, t2, t3, t4, t0)
      GX_ROUND4(16, t2, t3, t4, t0, t1)
      GX_ROUND4(24, t3, t4, t0, t1, t2)
      // t = (t4 t0 t1 t2) < 2p
      GX_SUB_P0(t4, lo) GX_SUB_P(t0, hi, 8) GX_SUB_P(t1, a, 16) GX_SUB_P(t2, b, 24)
      GX_KEEP(t4, lo) GX_KEEP(t0, hi) GX_KEEP(t1, a) GX_KEEP(t2, b)
      : [t0] "=&r"(t0), [t1] "=&r"(t1), [t2] "=&r"(t2), [t3] "=&r"(t3), [t4] "=&r"(t4),
        [lo] "=&r"(lo), [hi] "=&r"(hi), [a] "+r"(a), [b] "+r"(b)
      : [p] "r"(p), [inv] "m"(inv)
      : "rdx", "cc", "memory");
  r[0] = t4, r[1] = t0, r[2] = t1, r[3] = t2;
}

inline void redc4(uint64_t r[4], const uint64_t* a, const uint64_t* p, const uint64_t& inv) {
  uint64_t t0 = a[0], t1 = a[1], t2 = a[2], t3 = a[3], t4, lo, hi;
  asm("xorl %k[t4], %k[t4]\n\t" GX_RED4(t0, t1, t2, t3, t4)
      "xorl %k[t0], %k[t0]\n\t" GX_RED4(t1, t2, t3, t4, t0)
      "xorl %k[t1], %k[t1]\n\t" GX_RED4(t2, t3, t4, t0, t1)
      "xorl %k[t2], %k[t2]\n\t" GX_RED4(t3, t4, t0, t1, t2)
      GX_SUB_P0(t4, lo) GX_SUB_P(t0, hi, 8) GX_SUB_P(t1, t3, 16)
      "movq %[t2], %%rdx\n\tsbbq 24(%[p]), %%rdx\n\t"
      GX_KEEP(t4, lo) GX_KEEP(t0, hi) GX_KEEP(t1, t3)
      "cmovncq %%rdx, %[t2]\n\t"
      : [t0] "+&r"(t0), [t1] "+&r"(t1), [t2] "+&r"(t2), [t3] "+&r"(t3), [t4] "=&r"(t4),
        [lo] "=&r"(lo), [hi] "=&r"(hi)
      : [p] "r"(p), [inv] "m"(inv)
      : "rdx", "cc");
  r[0] = t4, r[1] = t0, r[2] = t1, r[3] = t2;
}

// a + b and a - b (as a + (p - b)) are below 2p; one conditional subtraction of p follows.
#define GX_REDUCE6                                                        \
  GX_SUB_P0(s0, f0) GX_SUB_P(s1, f1, 8) GX_SUB_P(s2, f2, 16)              \
  GX_SUB_P(s3, f3, 24) GX_SUB_P(s4, a, 32) GX_SUB_P(s5, b, 40)            \
  GX_KEEP(s0, f0) GX_KEEP(s1, f1) GX_KEEP(s2, f2) GX_KEEP(s3, f3)         \
  GX_KEEP(s4, a) GX_KEEP(s5, b)
#define GX_REDUCE4                                                        \
  GX_SUB_P0(s0, f0) GX_SUB_P(s1, f1, 8) GX_SUB_P(s2, a, 16)               \
  GX_SUB_P(s3, b, 24)                                                     \
  GX_KEEP(s0, f0) GX_KEEP(s1, f1) GX_KEEP(s2, a) GX_KEEP(s3, b)
#define GX_OPS6                                                                                \
  : [s0] "=&r"(r[0]), [s1] "=&r"(r[1]), [s2] "=&r"(r[2]), [s3] "=&r"(r[3]), [s4] "=&r"(r[4]), \
    [s5] "=&r"(r[5]), [f0] "=&r"(f0), [f1] "=&r"(f1), [f2] "=&r"(f2), [f3] "=&r"(f3),         \
    [a] "+r"(a), [b] "+r"(b)                                                                   \
  : [p] "r"(p)                                                                                 \
  : "cc", "memory"
#define GX_OPS4                                                                                \
  : [s0] "=&r"(r[0]), [s1] "=&r"(r[1]), [s2] "=&r"(r[2]), [s3] "=&r"(r[3]), [f0] "=&r"(f0),   \
    [f1] "=&r"(f1), [a] "+r"(a), [b] "+r"(b)                                                   \
  : [p] "r"(p)                                                                                 \
  : "cc", "memory"

inline void add6(uint64_t* r, const uint64_t* a, const uint64_t* b, const uint64_t* p) {
  uint64_t f0, f1, f2, f3;
  asm(GX_LOAD(a, s0, 0) GX_LOAD(a, s1, 8) GX_LOAD(a, s2, 16)
      GX_LOAD(a, s3, 24) GX_LOAD(a, s4, 32) GX_LOAD(a, s5, 40)
      GX_CHAIN(add, b, s0, 0) GX_CHAIN(adc, b, s1, 8) GX_CHAIN(adc, b, s2, 16)
      GX_CHAIN(adc, b, s3, 24) GX_CHAIN(adc, b, s4, 32) GX_CHAIN(adc, b, s5, 40)
      GX_REDUCE6 GX_OPS6);
}

inline void sub6(uint64_t* r, const uint64_t* a, const uint64_t* b, const uint64_t* p) {
  uint64_t f0, f1, f2, f3;
  asm(GX_LOAD(p, s0, 0) GX_LOAD(p, s1, 8) GX_LOAD(p, s2, 16)
      GX_LOAD(p, s3, 24) GX_LOAD(p, s4, 32) GX_LOAD(p, s5, 40)
      GX_CHAIN(sub, b, s0, 0) GX_CHAIN(sbb, b, s1, 8) GX_CHAIN(sbb, b, s2, 16)
      GX_CHAIN(sbb, b, s3, 24) GX_CHAIN(sbb, b, s4, 32) GX_CHAIN(sbb, b, s5, 40)
      GX_CHAIN(add, a, s0, 0) GX_CHAIN(adc, a, s1, 8) GX_CHAIN(adc, a, s2, 16)
      GX_CHAIN(adc, a, s3, 24) GX_CHAIN(adc, a, s4, 32) GX_CHAIN(adc, a, s5, 40)
      GX_REDUCE6 GX_OPS6);
}

inline void add4(uint64_t* r, const uint64_t* a, const uint64_t* b, const uint64_t* p) {
  uint64_t f0, f1;
  asm(GX_LOAD(a, s0, 0) GX_LOAD(a, s1, 8) GX_LOAD(a, s2, 16) GX_LOAD(a, s3, 24)
      GX_CHAIN(add, b, s0, 0) GX_CHAIN(adc, b, s1, 8) GX_CHAIN(adc, b, s2, 16)
      GX_CHAIN(adc, b, s3, 24)
      GX_REDUCE4 GX_OPS4);
}

inline void sub4(uint64_t* r, const uint64_t* a, const uint64_t* b, const uint64_t* p) {
  uint64_t f0, f1;
  asm(GX_LOAD(p, s0, 0) GX_LOAD(p, s1, 8) GX_LOAD(p, s2, 16) GX_LOAD(p, s3, 24)
      GX_CHAIN(sub, b, s0, 0) GX_CHAIN(sbb, b, s1, 8) GX_CHAIN(sbb, b, s2, 16)
      GX_CHAIN(sbb, b, s3, 24)
      GX_CHAIN(add, a, s0, 0) GX_CHAIN(adc, a, s1, 8) GX_CHAIN(adc, a, s2, 16)
      GX_CHAIN(adc, a, s3, 24)
      GX_REDUCE4 GX_OPS4);
}

#undef GX_MA
#undef GX_RED6
#undef GX_RED4
#undef GX_ROUND6
#undef GX_ROUND4
#undef GX_FIRST
#undef GX_SUB_P0
#undef GX_SUB_P
#undef GX_KEEP
#undef GX_LOAD
#undef GX_CHAIN
#undef GX_REDUCE6
#undef GX_REDUCE4
#undef GX_OPS6
#undef GX_OPS4

// clang-format on

}  // namespace gpuexec::cpu::x86

#endif
