// The NTT tests' reference: random Fr vectors, the transform by its definition and an independent
// O(n log n) radix-2 transform (coset and inverse included), shared by the Vulkan NTT's tests.
#pragma once

#include <random>
#include <utility>
#include <vector>

#include "gpuexec/fr.hpp"

namespace gpuexec::test {

using Vec = std::vector<Fr>;

inline Fr random_fr(std::mt19937_64& rng) {
  for (;;) {
    fr::Limbs x{rng(), rng(), rng(), rng() >> 1};
    if (fr::is_canonical(x)) return Fr{x};  // any canonical value is a Montgomery form
  }
}

inline Vec random_vec(std::size_t n, uint64_t seed) {
  std::mt19937_64 rng(seed);
  Vec v(n);
  for (Fr& x : v) x = random_fr(rng);
  return v;
}

// sum_j x[j] z^j.
inline Fr horner(const Fr* x, std::size_t n, const Fr& z) {
  Fr acc = fr::kZero;
  for (std::size_t j = n; j-- > 0;) acc = fr::add(fr::mul(acc, z), x[j]);
  return acc;
}

// The definition, term by term.
inline Vec naive(const Vec& x, unsigned log_n, bool inverse, const Fr& s) {
  const std::size_t n = x.size();
  const Fr w = fr::root_of_unity(log_n);
  Vec y(n);
  if (!inverse) {
    for (std::size_t i = 0; i < n; ++i) y[i] = horner(x.data(), n, fr::mul(s, fr::pow(w, i)));
    return y;
  }
  const Fr w_inv = fr::inverse(w), s_inv = fr::inverse(s), n_inv = fr::inverse(fr::from_u64(n));
  for (std::size_t j = 0; j < n; ++j) {
    const Fr sum = horner(x.data(), n, fr::pow(w_inv, j));
    y[j] = fr::mul(fr::mul(sum, n_inv), fr::pow(s_inv, j));
  }
  return y;
}

// An independent O(n log n) transform: coset powers, bit reversal, radix-2 Cooley-Tukey.
inline Vec cpu_ntt(Vec x, unsigned log_n, bool inverse, const Fr& s) {
  const std::size_t n = x.size();
  const Fr w = inverse ? fr::inverse(fr::root_of_unity(log_n)) : fr::root_of_unity(log_n);
  if (!inverse) {
    Fr p = fr::kOne;
    for (Fr& v : x) v = fr::mul(v, p), p = fr::mul(p, s);
  }
  for (std::size_t i = 1, j = 0; i < n; ++i) {
    std::size_t bit = n >> 1;
    for (; j & bit; bit >>= 1) j ^= bit;
    j ^= bit;
    if (i < j) std::swap(x[i], x[j]);
  }
  for (std::size_t len = 2; len <= n; len *= 2) {
    const Fr wl = fr::pow(w, n / len);
    for (std::size_t i = 0; i < n; i += len) {
      Fr t = fr::kOne;
      for (std::size_t k = 0; k < len / 2; ++k, t = fr::mul(t, wl)) {
        const Fr u = x[i + k], v = fr::mul(x[i + k + len / 2], t);
        x[i + k] = fr::add(u, v);
        x[i + k + len / 2] = fr::sub(u, v);
      }
    }
  }
  if (inverse) {
    Fr p = fr::inverse(fr::from_u64(n));
    const Fr s_inv = fr::inverse(s);
    for (Fr& v : x) v = fr::mul(v, p), p = fr::mul(p, s_inv);
  }
  return x;
}

inline Vec cpu_batch(const Vec& x, unsigned log_n, bool inverse, const Fr& s) {
  const std::size_t n = std::size_t{1} << log_n;
  Vec out;
  for (std::size_t b = 0; b < x.size() / n; ++b) {
    const Vec y = cpu_ntt(Vec(x.begin() + b * n, x.begin() + (b + 1) * n), log_n, inverse, s);
    out.insert(out.end(), y.begin(), y.end());
  }
  return out;
}

inline const Fr kCoset =
    fr::from_u64(7);  // the multiplicative generator: a coset off every subgroup

}  // namespace gpuexec::test
