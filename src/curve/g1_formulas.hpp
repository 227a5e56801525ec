// The G1 point formulas over any Fp arithmetic F (the portable template fp::Field, or the ADX
// code of the CPU MSM), so the reference and the fast path run the same formulas. F provides
// static add, sub, mul, sqr (Fp, Fp) -> Fp on Montgomery elements below p.
//
// Formulas from the Explicit-Formulas Database for a = 0: Jacobian dbl-2009-l, add-2007-bl,
// madd-2007-bl; XYZZ dbl-2008-s-1, add-2008-s, madd-2008-s. Each one's exceptional cases
// (an input at infinity, equal inputs, opposite inputs) are checked first and handled exactly.
#pragma once

#include "gpuexec/g1.hpp"

namespace gpuexec::curve {

// b = 4 of the curve y^2 = x^3 + b, Montgomery form.
inline constexpr Fp kB = fp::Field::to_montgomery(Limbs{4, 0, 0, 0, 0, 0});

template <typename F>
struct G1Formulas {
  static Fp dbl_fp(const Fp& a) { return F::add(a, a); }
  static Fp triple_fp(const Fp& a) { return F::add(F::add(a, a), a); }

  // ---- Jacobian ----

  static G1Jacobian dbl(const G1Jacobian& p) {
    // The curve has odd order, so no point has y = 0: only infinity doubles to infinity.
    if (fp::is_zero(p.z)) return p;
    const Fp a = F::sqr(p.x);
    const Fp b = F::sqr(p.y);
    const Fp c = F::sqr(b);
    const Fp d = dbl_fp(F::sub(F::sub(F::sqr(F::add(p.x, b)), a), c));  // 4 x y^2
    const Fp e = triple_fp(a);
    G1Jacobian r;
    r.x = F::sub(F::sqr(e), dbl_fp(d));
    const Fp c8 = dbl_fp(dbl_fp(dbl_fp(c)));
    r.y = F::sub(F::mul(e, F::sub(d, r.x)), c8);
    r.z = dbl_fp(F::mul(p.y, p.z));
    return r;
  }

  static G1Jacobian add(const G1Jacobian& p, const G1Jacobian& q) {
    if (fp::is_zero(p.z)) return q;
    if (fp::is_zero(q.z)) return p;
    const Fp z1z1 = F::sqr(p.z);
    const Fp z2z2 = F::sqr(q.z);
    const Fp u1 = F::mul(p.x, z2z2);
    const Fp u2 = F::mul(q.x, z1z1);
    const Fp s1 = F::mul(F::mul(p.y, q.z), z2z2);
    const Fp s2 = F::mul(F::mul(q.y, p.z), z1z1);
    const Fp h = F::sub(u2, u1);
    const Fp rr = F::sub(s2, s1);
    if (fp::is_zero(h)) return fp::is_zero(rr) ? dbl(p) : G1Jacobian{};
    const Fp i = F::sqr(dbl_fp(h));
    const Fp j = F::mul(h, i);
    const Fp r2 = dbl_fp(rr);
    const Fp v = F::mul(u1, i);
    G1Jacobian r;
    r.x = F::sub(F::sub(F::sqr(r2), j), dbl_fp(v));
    r.y = F::sub(F::mul(r2, F::sub(v, r.x)), dbl_fp(F::mul(s1, j)));
    r.z = dbl_fp(F::mul(F::mul(p.z, q.z), h));
    return r;
  }

  static G1Jacobian add_mixed(const G1Jacobian& p, const Fp& qx, const Fp& qy) {
    if (fp::is_zero(qx) && fp::is_zero(qy)) return p;
    if (fp::is_zero(p.z)) return {qx, qy, fp::kOne};
    const Fp z1z1 = F::sqr(p.z);
    const Fp u2 = F::mul(qx, z1z1);
    const Fp s2 = F::mul(F::mul(qy, p.z), z1z1);
    const Fp h = F::sub(u2, p.x);
    const Fp rr = F::sub(s2, p.y);
    if (fp::is_zero(h)) return fp::is_zero(rr) ? dbl(p) : G1Jacobian{};
    const Fp hh = F::sqr(h);
    const Fp i = dbl_fp(dbl_fp(hh));
    const Fp j = F::mul(h, i);
    const Fp r2 = dbl_fp(rr);
    const Fp v = F::mul(p.x, i);
    G1Jacobian r;
    r.x = F::sub(F::sub(F::sqr(r2), j), dbl_fp(v));
    r.y = F::sub(F::mul(r2, F::sub(v, r.x)), dbl_fp(F::mul(p.y, j)));
    r.z = dbl_fp(F::mul(p.z, h));
    return r;
  }

  // ---- XYZZ ----

  static G1Xyzz dbl(const G1Xyzz& p) {
    if (fp::is_zero(p.zz)) return p;
    const Fp u = dbl_fp(p.y);
    const Fp v = F::sqr(u);
    const Fp w = F::mul(u, v);
    const Fp s = F::mul(p.x, v);
    const Fp m = triple_fp(F::sqr(p.x));
    G1Xyzz r;
    r.x = F::sub(F::sqr(m), dbl_fp(s));
    r.y = F::sub(F::mul(m, F::sub(s, r.x)), F::mul(w, p.y));
    r.zz = F::mul(v, p.zz);
    r.zzz = F::mul(w, p.zzz);
    return r;
  }

  // The doubling of an affine point (mdbl-2008-s-1): ZZ = ZZZ = 1 saves two multiplications.
  static G1Xyzz dbl_affine(const Fp& x, const Fp& y) {
    const Fp u = dbl_fp(y);
    const Fp v = F::sqr(u);
    const Fp w = F::mul(u, v);
    const Fp s = F::mul(x, v);
    const Fp m = triple_fp(F::sqr(x));
    G1Xyzz r;
    r.x = F::sub(F::sqr(m), dbl_fp(s));
    r.y = F::sub(F::mul(m, F::sub(s, r.x)), F::mul(w, y));
    r.zz = v;
    r.zzz = w;
    return r;
  }

  static G1Xyzz add(const G1Xyzz& p, const G1Xyzz& q) {
    if (fp::is_zero(p.zz)) return q;
    if (fp::is_zero(q.zz)) return p;
    const Fp u1 = F::mul(p.x, q.zz);
    const Fp u2 = F::mul(q.x, p.zz);
    const Fp s1 = F::mul(p.y, q.zzz);
    const Fp s2 = F::mul(q.y, p.zzz);
    const Fp pp_ = F::sub(u2, u1);
    const Fp rr = F::sub(s2, s1);
    if (fp::is_zero(pp_)) return fp::is_zero(rr) ? dbl(p) : G1Xyzz{};
    const Fp pp = F::sqr(pp_);
    const Fp ppp = F::mul(pp_, pp);
    const Fp q1 = F::mul(u1, pp);
    G1Xyzz r;
    r.x = F::sub(F::sub(F::sqr(rr), ppp), dbl_fp(q1));
    r.y = F::sub(F::mul(rr, F::sub(q1, r.x)), F::mul(s1, ppp));
    r.zz = F::mul(F::mul(p.zz, q.zz), pp);
    r.zzz = F::mul(F::mul(p.zzz, q.zzz), ppp);
    return r;
  }

  // p + (qx, qy) for an affine point, which may be infinity (0, 0).
  static G1Xyzz add_mixed(const G1Xyzz& p, const Fp& qx, const Fp& qy) {
    if (fp::is_zero(p.zz)) {
      if (fp::is_zero(qx) && fp::is_zero(qy)) return G1Xyzz{};
      return {qx, qy, fp::kOne, fp::kOne};
    }
    if (fp::is_zero(qx) && fp::is_zero(qy)) return p;
    return add_mixed_finite(p, qx, qy);
  }

  // As add_mixed, for a p not at infinity and a finite q (the bucket loop checks both once).
  static G1Xyzz add_mixed_finite(const G1Xyzz& p, const Fp& qx, const Fp& qy) {
    const Fp pp_ = F::sub(F::mul(qx, p.zz), p.x);
    const Fp rr = F::sub(F::mul(qy, p.zzz), p.y);
    if (fp::is_zero(pp_)) return fp::is_zero(rr) ? dbl_affine(qx, qy) : G1Xyzz{};
    const Fp pp = F::sqr(pp_);
    const Fp ppp = F::mul(pp_, pp);
    const Fp q1 = F::mul(p.x, pp);
    G1Xyzz r;
    r.x = F::sub(F::sub(F::sqr(rr), ppp), dbl_fp(q1));
    r.y = F::sub(F::mul(rr, F::sub(q1, r.x)), F::mul(p.y, ppp));
    r.zz = F::mul(p.zz, pp);
    r.zzz = F::mul(p.zzz, ppp);
    return r;
  }

  // Jacobian Z = ZZZ / ZZ would need an inversion; Z = ZZ * ZZZ (z^5 for ZZ = z^2, ZZZ = z^3)
  // needs none: X = x Z^2 = X' ZZ ZZZ^2, Y = y Z^3 = Y' ZZ^3 ZZZ^2.
  static G1Jacobian to_jacobian(const G1Xyzz& p) {
    if (fp::is_zero(p.zz)) return G1Jacobian{};
    const Fp zzz2 = F::sqr(p.zzz);
    const Fp zz3 = F::mul(F::sqr(p.zz), p.zz);
    G1Jacobian r;
    r.x = F::mul(F::mul(p.x, p.zz), zzz2);
    r.y = F::mul(F::mul(p.y, zz3), zzz2);
    r.z = F::mul(p.zz, p.zzz);
    return r;
  }
};

}  // namespace gpuexec::curve
