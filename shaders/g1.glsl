// G1 (y^2 = x^3 + 4 over Fp) in XYZZ coordinates on top of field.glsl (Elem, field_add / sub /
// mul): the formulas of src/curve/g1_formulas.hpp (EFD, a = 0: dbl-2008-s-1, mdbl-2008-s-1,
// add-2008-s, madd-2008-s) with the same exceptional cases. Infinity: zz = 0 (XYZZ), x = y = 0
// (affine). Every Elem is a Montgomery value below p.
struct Xyzz {
  Elem x, y, zz, zzz;
};
struct Affine {
  Elem x, y;
};

Elem field_zero() {
  Elem z;
  for (int i = 0; i < LIMBS; ++i) z.l[i] = 0;
  return z;
}

bool field_is_zero(Elem a) {
  bool z = true;
  for (int i = 0; i < LIMBS; ++i) z = z && a.l[i] == 0;
  return z;
}

// R mod p, the Montgomery form of 1: R^2 * 1 / R.
Elem field_one() {
  Elem one = field_zero();
  one.l[0] = 1;
  return field_mul(field_r2(), one);
}

Elem field_dbl(Elem a) { return field_add(a, a); }
Elem field_neg(Elem a) { return field_sub(field_zero(), a); }

Xyzz xyzz_infinity() {
  Elem z = field_zero();
  return Xyzz(z, z, z, z);
}

bool xyzz_is_infinity(Xyzz p) { return field_is_zero(p.zz); }
bool affine_is_infinity(Affine q) { return field_is_zero(q.x) && field_is_zero(q.y); }

Xyzz xyzz_dbl(Xyzz p) {
  if (xyzz_is_infinity(p)) return p;
  Elem u = field_dbl(p.y);
  Elem v = field_mul(u, u);
  Elem w = field_mul(u, v);
  Elem s = field_mul(p.x, v);
  Elem x2 = field_mul(p.x, p.x);
  Elem m = field_add(field_dbl(x2), x2);
  Xyzz r;
  r.x = field_sub(field_mul(m, m), field_dbl(s));
  r.y = field_sub(field_mul(m, field_sub(s, r.x)), field_mul(w, p.y));
  r.zz = field_mul(v, p.zz);
  r.zzz = field_mul(w, p.zzz);
  return r;
}

// The doubling of a finite affine point.
Xyzz xyzz_dbl_affine(Affine q) {
  Elem u = field_dbl(q.y);
  Elem v = field_mul(u, u);
  Elem w = field_mul(u, v);
  Elem s = field_mul(q.x, v);
  Elem x2 = field_mul(q.x, q.x);
  Elem m = field_add(field_dbl(x2), x2);
  Xyzz r;
  r.x = field_sub(field_mul(m, m), field_dbl(s));
  r.y = field_sub(field_mul(m, field_sub(s, r.x)), field_mul(w, q.y));
  r.zz = v;
  r.zzz = w;
  return r;
}

Xyzz xyzz_add(Xyzz p, Xyzz q) {
  if (xyzz_is_infinity(p)) return q;
  if (xyzz_is_infinity(q)) return p;
  Elem u1 = field_mul(p.x, q.zz);
  Elem u2 = field_mul(q.x, p.zz);
  Elem s1 = field_mul(p.y, q.zzz);
  Elem s2 = field_mul(q.y, p.zzz);
  Elem pp_ = field_sub(u2, u1);
  Elem rr = field_sub(s2, s1);
  if (field_is_zero(pp_)) return field_is_zero(rr) ? xyzz_dbl(p) : xyzz_infinity();
  Elem pp = field_mul(pp_, pp_);
  Elem ppp = field_mul(pp_, pp);
  Elem q1 = field_mul(u1, pp);
  Xyzz r;
  r.x = field_sub(field_sub(field_mul(rr, rr), ppp), field_dbl(q1));
  r.y = field_sub(field_mul(rr, field_sub(q1, r.x)), field_mul(s1, ppp));
  r.zz = field_mul(field_mul(p.zz, q.zz), pp);
  r.zzz = field_mul(field_mul(p.zzz, q.zzz), ppp);
  return r;
}

// p + q for an affine q, either of them possibly infinity; one = field_one().
Xyzz xyzz_add_affine(Xyzz p, Affine q, Elem one) {
  if (affine_is_infinity(q)) return p;
  if (xyzz_is_infinity(p)) return Xyzz(q.x, q.y, one, one);
  Elem pp_ = field_sub(field_mul(q.x, p.zz), p.x);
  Elem rr = field_sub(field_mul(q.y, p.zzz), p.y);
  if (field_is_zero(pp_)) return field_is_zero(rr) ? xyzz_dbl_affine(q) : xyzz_infinity();
  Elem pp = field_mul(pp_, pp_);
  Elem ppp = field_mul(pp_, pp);
  Elem q1 = field_mul(p.x, pp);
  Xyzz r;
  r.x = field_sub(field_sub(field_mul(rr, rr), ppp), field_dbl(q1));
  r.y = field_sub(field_mul(rr, field_sub(q1, r.x)), field_mul(p.y, ppp));
  r.zz = field_mul(p.zz, pp);
  r.zzz = field_mul(p.zzz, ppp);
  return r;
}

