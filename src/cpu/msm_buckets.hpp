// Pippenger's inner loop, one window over one range of points, over any Fp arithmetic F (as
// g1_formulas.hpp): msm.cpp instantiates it on the portable template, msm_adx.cpp on the
// BMI2/ADX assembly. Internal to msm*.cpp.
#pragma once

#include <algorithm>
#include <cstddef>
#include <cstdint>

#include "cpu/msm.hpp"
#include "curve/g1_formulas.hpp"

namespace gpuexec::cpu::msm_detail {

// sum_i [digits[i]] points[i] for i < n, digits in [-buckets, buckets], through the buckets
// given (scratch of bucket_count XYZZ points).
using WindowSumFn = G1Xyzz (*)(const G1Affine* points, const int32_t* digits, std::size_t n,
                               G1Xyzz* buckets, std::size_t bucket_count);

template <typename F>
G1Xyzz window_sum(const G1Affine* points, const int32_t* digits, std::size_t n, G1Xyzz* buckets,
                  std::size_t bucket_count) {
  using Formulas = curve::G1Formulas<F>;
  std::fill_n(buckets, bucket_count, G1Xyzz{});
  // A bucket array past L2 (c >= 13 here) misses on most additions: fetch the bucket a few
  // points ahead (its 192 bytes are three cache lines) while this one's arithmetic runs.
  constexpr std::size_t kAhead = 4;
  for (std::size_t i = 0; i < n; ++i) {
    if (i + kAhead < n) {
      const int32_t ahead = digits[i + kAhead];
      const std::size_t b = static_cast<std::size_t>(ahead < 0 ? -ahead : ahead);
      const char* line = reinterpret_cast<const char*>(buckets + (b ? b - 1 : 0));
      __builtin_prefetch(line);
      __builtin_prefetch(line + 64);
      __builtin_prefetch(line + 128);
    }
    const int32_t d = digits[i];
    if (d == 0) continue;
    const G1Affine& p = points[i];
    if (fp::is_zero(p.x) && fp::is_zero(p.y)) continue;  // infinity adds nothing
    // Bucket |d| holds the points of digit +-|d|; a negative digit adds -P = (x, -y).
    const std::size_t b = static_cast<std::size_t>(d < 0 ? -d : d) - 1;
    const Fp y = d < 0 ? F::sub(fp::kZero, p.y) : p.y;
    G1Xyzz& bucket = buckets[b];
    if (fp::is_zero(bucket.zz)) {
      bucket = {p.x, y, fp::kOne, fp::kOne};
    } else {
      bucket = Formulas::add_mixed_finite(bucket, p.x, y);
    }
  }
  // sum_b b * B_b = sum_k (B_k + ... + B_top): a running sum from the top bucket down, added
  // into the total at each step, costs 2 additions per bucket and no multiplication by b.
  G1Xyzz running{}, total{};
  for (std::size_t b = bucket_count; b-- > 0;) {
    running = Formulas::add(running, buckets[b]);
    total = Formulas::add(total, running);
  }
  return total;
}

// The ADX instantiation (msm_adx.cpp); nullptr where the build is not x86-64. The caller checks
// cpuid first (cpu_arith()).
WindowSumFn adx_window_sum();

// XYZZ addition and doubling over F (msm.hpp's XyzzOps).
template <typename F>
XyzzOps xyzz_ops() {
  return {&curve::G1Formulas<F>::add, &curve::G1Formulas<F>::dbl};
}
// The ADX instantiation; null members where the build is not x86-64.
XyzzOps adx_xyzz_ops();

}  // namespace gpuexec::cpu::msm_detail
