// Pippenger's window loop over the BMI2/ADX Fp primitives of mont_asm_x86.hpp. As in
// field_kernels_adx.cpp, nothing here is compiled with -mbmi2/-madx: only the assembly uses
// those instructions, reached after cpuid said yes (msm.cpp asks cpu_arith()).
#include "cpu/msm_buckets.hpp"

#if defined(__x86_64__)

#include "cpu/mont_asm_x86.hpp"

namespace gpuexec::cpu::msm_detail {
namespace {

struct AdxFp {
  static Fp mul(const Fp& a, const Fp& b) {
    Fp r;
    x86::mul6(r.limbs.data(), a.limbs.data(), b.limbs.data(), kFpParams.modulus.data(),
              kFpParams.inv);
    return r;
  }
  static Fp sqr(const Fp& a) { return mul(a, a); }
  static Fp add(const Fp& a, const Fp& b) {
    Fp r;
    x86::add6(r.limbs.data(), a.limbs.data(), b.limbs.data(), kFpParams.modulus.data());
    return r;
  }
  static Fp sub(const Fp& a, const Fp& b) {
    Fp r;
    x86::sub6(r.limbs.data(), a.limbs.data(), b.limbs.data(), kFpParams.modulus.data());
    return r;
  }
};

}  // namespace

WindowSumFn adx_window_sum() {
  return &window_sum<AdxFp>;
}

XyzzOps adx_xyzz_ops() {
  return xyzz_ops<AdxFp>();
}

}  // namespace gpuexec::cpu::msm_detail

#else

namespace gpuexec::cpu::msm_detail {
WindowSumFn adx_window_sum() {
  return nullptr;
}

XyzzOps adx_xyzz_ops() {
  return {};
}
}  // namespace gpuexec::cpu::msm_detail

#endif
