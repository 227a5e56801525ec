// G1 multi-scalar multiplication on the CPU: sum_i [scalars[i]] points[i], exact, by Pippenger's
// bucket method with signed-digit windows, XYZZ buckets, running-sum bucket reduction and the
// windows combined by doubling. Work is spread over threads by (MSM, window, point range).
//
// Points are affine (blst_p1_affine; infinity allowed anywhere, any repetition allowed) and are
// NOT checked here: the caller decodes them with the subgroup check. Scalars are blst_scalars,
// any 256-bit value; the result is the exact integer combination.
#pragma once

#include <cstddef>
#include <cstdint>
#include <span>
#include <vector>

#include "gpuexec/g1.hpp"

namespace gpuexec::cpu {

struct MsmOptions {
  // 0: the compute pool (every core); 1: the calling thread alone; k: k threads of its own.
  unsigned threads = 0;
  // Window width c in bits (1..20); 0 chooses it from the number of points.
  unsigned window_bits = 0;
  // Point ranges per window, each with its own buckets; 0 chooses from threads and windows.
  unsigned point_chunks = 0;
};

// out = sum_i [scalars[i]] points[i]; the spans have the same size (0 gives infinity).
void msm(std::span<const G1Affine> points, std::span<const Scalar> scalars, G1Jacobian& out,
         const MsmOptions& options = {});

// B MSMs over the same points: out[j] = sum_i [scalars[j * n + i]] points[i] with
// n = points.size() and B = out.size(); scalars.size() must be B * n.
void msm_batch(std::span<const G1Affine> points, std::span<const Scalar> scalars,
               std::span<G1Jacobian> out, const MsmOptions& options = {});

// G1 XYZZ addition and doubling in the fastest Fp arithmetic this CPU has (as the window sums
// use), for the host's share of a device's MSM: its few hundred additions and doublings lie on
// the call's critical path (the reference g1::add / g1::dbl stay the independent oracle).
struct XyzzOps {
  G1Xyzz (*add)(const G1Xyzz&, const G1Xyzz&) = nullptr;
  G1Xyzz (*dbl)(const G1Xyzz&) = nullptr;
};
const XyzzOps& fast_xyzz();

// The window width msm chooses for n points.
unsigned msm_window_bits(std::size_t n);

// The signed-digit decomposition msm uses, for checking other implementations (a GPU digit
// kernel) stage by stage: digits[w * n + i] in [-2^(c-1), 2^(c-1)] with
// sum_w digits[w * n + i] 2^(c w) = scalars[i]. Needs 1 <= c <= 20 and windows * c > 256 (room
// for any 256-bit scalar and its last carry).
std::vector<int32_t> msm_signed_digits(std::span<const Scalar> scalars, unsigned c,
                                       unsigned windows);

}  // namespace gpuexec::cpu
