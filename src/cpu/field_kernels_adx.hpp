// The BMI2/ADX tables of field_kernels_adx.cpp; nullptr where the build is not x86-64. Callers
// check cpuid first (field_kernels.cpp does).
#pragma once

#include "cpu/field_kernels.hpp"

namespace gpuexec::cpu {

const FpKernels* adx_fp_kernels();
const FrKernels* adx_fr_kernels();

}  // namespace gpuexec::cpu
