// The independent oracle: GMP integers mod p. Converts to and from Montgomery form by itself, so
// the library's own conversion is under test too.
#pragma once

#include <gmp.h>

#include <string>

#include "gpuexec/fp.hpp"

namespace gpuexec::test {

class Mpz {
 public:
  Mpz() { mpz_init(v); }
  explicit Mpz(const char* hex) { mpz_init_set_str(v, hex, 16); }
  Mpz(const Mpz& o) { mpz_init_set(v, o.v); }
  Mpz& operator=(const Mpz& o) {
    mpz_set(v, o.v);
    return *this;
  }
  ~Mpz() { mpz_clear(v); }
  mpz_t v;
};

class GmpOracle {
 public:
  GmpOracle() {
    mpz_set_str(p_.v,
                "1a0111ea397fe69a4b1ba7b6434bacd764774b84f38512bf6730d2a0f6b0f6241eabfffeb153ffffb9"
                "feffffffffaaab",
                16);
    mpz_ui_pow_ui(r_.v, 2, 384);
    mpz_mod(r_.v, r_.v, p_.v);
    mpz_invert(rinv_.v, r_.v, p_.v);
  }
  const Mpz& p() const { return p_; }

  static Mpz from_limbs(const Limbs& x) {
    Mpz z;
    mpz_import(z.v, 6, -1, sizeof(uint64_t), 0, 0, x.data());
    return z;
  }
  static Limbs to_limbs(const Mpz& z) {
    Limbs x{};
    size_t count = 0;
    mpz_export(x.data(), &count, -1, sizeof(uint64_t), 0, 0, z.v);
    return x;
  }
  // The canonical value an Fp stands for: M * R^-1 mod p.
  Mpz value(const Fp& a) const {
    Mpz z = from_limbs(a.limbs);
    mpz_mul(z.v, z.v, rinv_.v);
    mpz_mod(z.v, z.v, p_.v);
    return z;
  }
  // The Fp holding canonical value z: z * R mod p.
  Fp element(const Mpz& z) const {
    Mpz m;
    mpz_mul(m.v, z.v, r_.v);
    mpz_mod(m.v, m.v, p_.v);
    return Fp{to_limbs(m)};
  }
  Fp add(const Fp& a, const Fp& b) const { return binary(a, b, mpz_add); }
  Fp sub(const Fp& a, const Fp& b) const { return binary(a, b, mpz_sub); }
  Fp mul(const Fp& a, const Fp& b) const { return binary(a, b, mpz_mul); }

  static std::string hex(const Mpz& z) {
    char* s = mpz_get_str(nullptr, 16, z.v);
    std::string out(s);
    free(s);
    return out;
  }

 private:
  template <typename F>
  Fp binary(const Fp& a, const Fp& b, F f) const {
    Mpz x = value(a), y = value(b), r;
    f(r.v, x.v, y.v);
    mpz_mod(r.v, r.v, p_.v);  // mpz_mod's result is never negative
    return element(r);
  }
  Mpz p_{}, r_{}, rinv_{};
};

}  // namespace gpuexec::test
