#include "cpu/field_kernels.hpp"

#include <algorithm>
#include <atomic>

#include "config/environment.hpp"
#include "cpu/field_kernels_adx.hpp"
#include "cpu/field_loops.hpp"
#include "cpu/parallel_for.hpp"

namespace gpuexec::cpu {

namespace {
// The portable tables: montgomery.hpp's template is itself an arithmetic for field_loops.hpp.
constexpr FpKernels kPortableFp = loops::Loops<fp::Field, Fp>::table();
constexpr FrKernels kPortableFr = loops::Loops<MontgomeryField<kFrParams, FrElem>, FrElem>::table();

CpuArith choose() {
  if (env::cpu_arith() == env::CpuArithChoice::Portable) return CpuArith::Portable;
  return cpu_has_adx() && adx_fp_kernels() ? CpuArith::Adx : CpuArith::Portable;
}
}  // namespace

bool cpu_has_adx() {
#if defined(__x86_64__)
  __builtin_cpu_init();  // safe before static constructors have run
  return __builtin_cpu_supports("bmi2") && __builtin_cpu_supports("adx");
#else
  return false;
#endif
}

CpuArith cpu_arith() {
  static const CpuArith chosen = choose();
  return chosen;
}

std::string_view cpu_arith_name(CpuArith a) {
  return a == CpuArith::Adx ? "adx" : "portable";
}

const FpKernels* fp_kernels(CpuArith a) {
  if (a == CpuArith::Portable) return &kPortableFp;
  return cpu_has_adx() ? adx_fp_kernels() : nullptr;
}

const FrKernels* fr_kernels(CpuArith a) {
  if (a == CpuArith::Portable) return &kPortableFr;
  return cpu_has_adx() ? adx_fr_kernels() : nullptr;
}

const FpKernels& fp_kernels() {
  static const FpKernels* const table = fp_kernels(cpu_arith());
  return *table;
}

const FrKernels& fr_kernels() {
  static const FrKernels* const table = fr_kernels(cpu_arith());
  return *table;
}

namespace {
// The smallest bad index any range found, or n: each range reports its own first.
template <typename F>  // F(begin, end) -> first bad index in [begin, end), or end
std::size_t parallel_first(std::size_t n, F scan) {
  std::atomic<std::size_t> first{n};
  parallel_for(n, [&](std::size_t begin, std::size_t end) {
    const std::size_t bad = scan(begin, end);
    if (bad == end) return;
    std::size_t seen = first.load(std::memory_order_relaxed);
    while (bad < seen && !first.compare_exchange_weak(seen, bad, std::memory_order_relaxed)) {
    }
  });
  return first.load(std::memory_order_relaxed);
}

template <typename Elem>
std::size_t first_unreduced_all(const FieldKernels<Elem>& k, const Elem* v, std::size_t n) {
  return parallel_first(
      n, [&](std::size_t b, std::size_t e) { return b + k.first_unreduced(v + b, e - b); });
}

template <typename Elem>
std::size_t from_bytes_all(const FieldKernels<Elem>& k, const uint8_t* in, Elem* out,
                           std::size_t n) {
  return parallel_first(n, [&](std::size_t b, std::size_t e) {
    return b + k.from_be_bytes(in + b * sizeof(Elem), out + b, e - b);
  });
}

template <typename Elem>
void to_bytes_all(const FieldKernels<Elem>& k, const Elem* in, uint8_t* out, std::size_t n) {
  parallel_for(n, [&](std::size_t b, std::size_t e) {
    k.to_be_bytes(in + b, out + b * sizeof(Elem), e - b);
  });
}
}  // namespace

std::size_t parallel_first_unreduced(const Fp* v, std::size_t n) {
  return first_unreduced_all(fp_kernels(), v, n);
}
std::size_t parallel_first_unreduced(const FrElem* v, std::size_t n) {
  return first_unreduced_all(fr_kernels(), v, n);
}
std::size_t parallel_from_be_bytes(const uint8_t* in, Fp* out, std::size_t n) {
  return from_bytes_all(fp_kernels(), in, out, n);
}
std::size_t parallel_from_be_bytes(const uint8_t* in, FrElem* out, std::size_t n) {
  return from_bytes_all(fr_kernels(), in, out, n);
}
void parallel_to_be_bytes(const Fp* in, uint8_t* out, std::size_t n) {
  to_bytes_all(fp_kernels(), in, out, n);
}
void parallel_to_be_bytes(const FrElem* in, uint8_t* out, std::size_t n) {
  to_bytes_all(fr_kernels(), in, out, n);
}

}  // namespace gpuexec::cpu
