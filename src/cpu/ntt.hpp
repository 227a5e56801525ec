// The CPU backend's NTT over Fr (semantics in include/gpuexec/ntt.hpp): radix-2 on all cores,
// through the batch field kernels (BMI2/ADX where the CPU has them).
#pragma once

#include <span>

#include "gpuexec/ntt.hpp"

namespace gpuexec::cpu {

// In place over options.batch vectors of 2^log_n elements back to back (checked by the caller:
// data.size() == batch << log_n, a nonzero reduced coset).
void ntt(std::span<Fr> data, unsigned log_n, const NttOptions& options);

}  // namespace gpuexec::cpu
