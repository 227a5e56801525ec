// The independent oracle for Fr: GMP integers mod r, with its own Montgomery conversion
// (R = 2^256), so the library's conversion is under test too; and the naive O(n^2) DFT the NTT
// is checked against.
#pragma once

#include <gmp.h>

#include <vector>

#include "gmp_oracle.hpp"
#include "gpuexec/fr.hpp"

namespace gpuexec::test {

class FrOracle {
 public:
  FrOracle() {
    mpz_set_str(r_.v, "73eda753299d7d483339d80809a1d80553bda402fffe5bfeffffffff00000001", 16);
    mpz_ui_pow_ui(R_.v, 2, 256);
    mpz_mod(R_.v, R_.v, r_.v);
    mpz_invert(Rinv_.v, R_.v, r_.v);
  }
  const Mpz& r() const { return r_; }

  Mpz value(const Fr& a) const {
    Mpz z;
    mpz_import(z.v, 4, -1, sizeof(uint64_t), 0, 0, a.limbs.data());
    mpz_mul(z.v, z.v, Rinv_.v);
    mpz_mod(z.v, z.v, r_.v);
    return z;
  }
  Fr element(const Mpz& z) const {
    Mpz m;
    mpz_mul(m.v, z.v, R_.v);
    mpz_mod(m.v, m.v, r_.v);
    Fr out;
    size_t count = 0;
    mpz_export(out.limbs.data(), &count, -1, sizeof(uint64_t), 0, 0, m.v);
    return out;
  }
  Fr add(const Fr& a, const Fr& b) const { return binary(a, b, mpz_add); }
  Fr sub(const Fr& a, const Fr& b) const { return binary(a, b, mpz_sub); }
  Fr mul(const Fr& a, const Fr& b) const { return binary(a, b, mpz_mul); }

  // The primitive 2^k-th root of unity, from the generator 7 alone: 7^((r-1)/2^k).
  Mpz root(unsigned k) const {
    Mpz e, w, seven;
    mpz_sub_ui(e.v, r_.v, 1);
    mpz_fdiv_q_2exp(e.v, e.v, k);
    mpz_set_ui(seven.v, 7);
    mpz_powm(w.v, seven.v, e.v, r_.v);
    return w;
  }

  // Y[i] = sum_j X[j] (s w^i)^j, or its inverse, by the definition (O(n^2)).
  std::vector<Fr> dft(const std::vector<Fr>& x, const Fr& coset, bool inverse) const {
    const std::size_t n = x.size();
    unsigned k = 0;
    while ((std::size_t{1} << k) < n) ++k;
    Mpz w = root(k), s = value(coset), n_inv;
    if (inverse) {
      mpz_invert(w.v, w.v, r_.v);
      mpz_invert(s.v, s.v, r_.v);
      mpz_set_ui(n_inv.v, n);
      mpz_invert(n_inv.v, n_inv.v, r_.v);
    }
    std::vector<Mpz> v(n);
    for (std::size_t j = 0; j < n; ++j) v[j] = value(x[j]);
    std::vector<Fr> out(n);
    Mpz wi, t, acc, term;
    mpz_set_ui(wi.v, 1);
    for (std::size_t i = 0; i < n; ++i) {
      // forward: point s w^i; inverse: sum_i Y[i] w^-ij, then s^-j / n
      Mpz point;
      if (inverse) {
        mpz_set(point.v, wi.v);
      } else {
        mpz_mul(point.v, wi.v, s.v);
        mpz_mod(point.v, point.v, r_.v);
      }
      mpz_set_ui(acc.v, 0);
      mpz_set_ui(t.v, 1);
      for (std::size_t j = 0; j < n; ++j) {
        mpz_mul(term.v, v[j].v, t.v);
        mpz_add(acc.v, acc.v, term.v);
        mpz_mul(t.v, t.v, point.v);
        mpz_mod(t.v, t.v, r_.v);
      }
      mpz_mod(acc.v, acc.v, r_.v);
      if (inverse) {
        Mpz scale;
        mpz_powm_ui(scale.v, s.v, i, r_.v);
        mpz_mul(acc.v, acc.v, scale.v);
        mpz_mul(acc.v, acc.v, n_inv.v);
        mpz_mod(acc.v, acc.v, r_.v);
      }
      out[i] = element(acc);
      mpz_mul(wi.v, wi.v, w.v);
      mpz_mod(wi.v, wi.v, r_.v);
    }
    return out;
  }

 private:
  template <typename F>
  Fr binary(const Fr& a, const Fr& b, F f) const {
    Mpz x = value(a), y = value(b), z;
    f(z.v, x.v, y.v);
    mpz_mod(z.v, z.v, r_.v);
    return element(z);
  }

  Mpz r_, R_, Rinv_;
};

}  // namespace gpuexec::test
