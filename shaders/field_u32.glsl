// Montgomery arithmetic over LIMBS x u32 limbs (little-endian), the same bytes as the host's u64
// limbs. No 64-bit integers: runs on devices without shaderInt64, and NVIDIA, which emulates
// 64-bit multiplies, may prefer it. Carries through umulExtended / uaddCarry / usubBorrow.
// The field comes from field_constants.glsl: LIMBS, MODULUS and INV = -m^-1 mod 2^32.

const uint MODULUS_WORDS[LIMBS] = MODULUS;

struct Elem {
  uint l[LIMBS];
};

// (hi, lo) = a * b + c + d; never overflows 64 bits.
void mac32(uint a, uint b, uint c, uint d, out uint hi, out uint lo) {
  uint mhi, mlo;
  umulExtended(a, b, mhi, mlo);
  uint c1, c2;
  lo = uaddCarry(mlo, c, c1);
  lo = uaddCarry(lo, d, c2);
  hi = mhi + c1 + c2;
}

// r - m when r >= m (r < 2m).
Elem field_reduce_once(Elem r) {
  Elem t;
  uint borrow = 0u;
  for (int i = 0; i < LIMBS; ++i) {
    uint b1, b2;
    uint d = usubBorrow(r.l[i], MODULUS_WORDS[i], b1);
    t.l[i] = usubBorrow(d, borrow, b2);
    borrow = b1 | b2;
  }
  return borrow != 0u ? r : t;
}

// Needs 2m < 2^(32 LIMBS): no carry leaves the top word (the generator checks the field).
Elem field_add(Elem a, Elem b) {
  Elem r;
  uint carry = 0u;
  for (int i = 0; i < LIMBS; ++i) {
    uint c1, c2;
    uint s = uaddCarry(a.l[i], b.l[i], c1);
    r.l[i] = uaddCarry(s, carry, c2);
    carry = c1 | c2;
  }
  return field_reduce_once(r);
}

Elem field_sub(Elem a, Elem b) {
  Elem r;
  uint borrow = 0u;
  for (int i = 0; i < LIMBS; ++i) {
    uint b1, b2;
    uint d = usubBorrow(a.l[i], b.l[i], b1);
    r.l[i] = usubBorrow(d, borrow, b2);
    borrow = b1 | b2;
  }
  if (borrow != 0u) {  // a < b: add m back
    uint carry = 0u;
    for (int i = 0; i < LIMBS; ++i) {
      uint c1, c2;
      uint s = uaddCarry(r.l[i], MODULUS_WORDS[i], c1);
      r.l[i] = uaddCarry(s, carry, c2);
      carry = c1 | c2;
    }
  }
  return r;
}

// Montgomery product, CIOS with the no-final-carry shortcut (top word below 2^31 - 1, which the
// generator checks).
Elem field_mul(Elem a, Elem b) {
  Elem t;
  for (int i = 0; i < LIMBS; ++i) t.l[i] = 0u;
  for (int i = 0; i < LIMBS; ++i) {
    uint A, C, t0, m, lo, junk;
    mac32(a.l[0], b.l[i], t.l[0], 0u, A, t0);
    m = t0 * INV;
    mac32(m, MODULUS_WORDS[0], t0, 0u, C, junk);
    for (int j = 1; j < LIMBS; ++j) {
      mac32(a.l[j], b.l[i], t.l[j], A, A, lo);
      mac32(m, MODULUS_WORDS[j], lo, C, C, t.l[j - 1]);
    }
    t.l[LIMBS - 1] = C + A;
  }
  return field_reduce_once(t);
}

// Whether a is a canonical value (a < m): the borrow out of a - m.
bool field_is_reduced(Elem a) {
  uint borrow = 0u;
  for (int i = 0; i < LIMBS; ++i) {
    uint b1, b2;
    uint d = usubBorrow(a.l[i], MODULUS_WORDS[i], b1);
    usubBorrow(d, borrow, b2);
    borrow = b1 | b2;
  }
  return borrow != 0u;
}

// R^2 mod m: field_mul by it takes a value into Montgomery form.
Elem field_r2() {
  const uint r2[LIMBS] = R2;
  Elem e;
  for (int i = 0; i < LIMBS; ++i) e.l[i] = r2[i];
  return e;
}
