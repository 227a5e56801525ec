// Montgomery arithmetic over LIMBS x u64 limbs (little-endian), the same layout as the host.
// The field comes from field_constants.glsl: LIMBS, MODULUS (an array constructor) and
// INV = -m^-1 mod 2^64. 64x64 -> 128-bit products are built from four 32x32 products: GLSL has
// no 64-bit umulExtended.
struct Elem {
  uint64_t l[LIMBS];
};

uint64_t modulus_limb(int i) {
  const uint64_t m[LIMBS] = MODULUS;
  return m[i];
}

// (hi, lo) = a * b + c + d; never overflows 128 bits.
void mac(uint64_t a, uint64_t b, uint64_t c, uint64_t d, out uint64_t hi, out uint64_t lo) {
  const uint64_t mask = 0xffffffffUL;
  uint64_t a0 = a & mask, a1 = a >> 32, b0 = b & mask, b1 = b >> 32;
  uint64_t p00 = a0 * b0, p01 = a0 * b1, p10 = a1 * b0, p11 = a1 * b1;
  uint64_t mid = (p00 >> 32) + (p01 & mask) + (p10 & mask);
  uint64_t plo = (mid << 32) | (p00 & mask);
  uint64_t phi = p11 + (p01 >> 32) + (p10 >> 32) + (mid >> 32);
  lo = plo + c;
  phi += lo < c ? 1UL : 0UL;
  lo += d;
  phi += lo < d ? 1UL : 0UL;
  hi = phi;
}

// r - m when r >= m (r < 2m).
Elem field_reduce_once(Elem r) {
  Elem t;
  uint64_t borrow = 0UL;
  LIMB_LOOP for (int i = 0; i < LIMBS; ++i) {
    uint64_t m = modulus_limb(i);
    uint64_t d = r.l[i] - m;
    uint64_t b1 = r.l[i] < m ? 1UL : 0UL;
    uint64_t b2 = d < borrow ? 1UL : 0UL;
    t.l[i] = d - borrow;
    borrow = b1 | b2;
  }
  return borrow != 0UL ? r : t;
}

// Needs 2m < 2^(64 LIMBS): no carry leaves the top limb (the generator checks the field).
Elem field_add(Elem a, Elem b) {
  Elem r;
  uint64_t carry = 0UL;
  LIMB_LOOP for (int i = 0; i < LIMBS; ++i) {
    uint64_t s = a.l[i] + b.l[i];
    uint64_t c1 = s < a.l[i] ? 1UL : 0UL;
    r.l[i] = s + carry;
    uint64_t c2 = r.l[i] < s ? 1UL : 0UL;
    carry = c1 | c2;
  }
  return field_reduce_once(r);
}

Elem field_sub(Elem a, Elem b) {
  Elem r;
  uint64_t borrow = 0UL;
  LIMB_LOOP for (int i = 0; i < LIMBS; ++i) {
    uint64_t d = a.l[i] - b.l[i];
    uint64_t b1 = a.l[i] < b.l[i] ? 1UL : 0UL;
    uint64_t b2 = d < borrow ? 1UL : 0UL;
    r.l[i] = d - borrow;
    borrow = b1 | b2;
  }
  if (borrow != 0UL) {  // a < b: add m back
    uint64_t carry = 0UL;
    LIMB_LOOP for (int i = 0; i < LIMBS; ++i) {
      uint64_t m = modulus_limb(i);
      uint64_t s = r.l[i] + m;
      uint64_t c1 = s < m ? 1UL : 0UL;
      r.l[i] = s + carry;
      uint64_t c2 = r.l[i] < s ? 1UL : 0UL;
      carry = c1 | c2;
    }
  }
  return r;
}

// Montgomery product, CIOS with the no-final-carry shortcut (the generator checks that the
// modulus's top limb is below 2^63 - 1).
Elem field_mul(Elem a, Elem b) {
  Elem t;
  LIMB_LOOP for (int i = 0; i < LIMBS; ++i) t.l[i] = 0UL;
  LIMB_LOOP for (int i = 0; i < LIMBS; ++i) {
    uint64_t A, C, t0, m, lo, junk;
    mac(a.l[0], b.l[i], t.l[0], 0UL, A, t0);
    m = t0 * INV;
    mac(m, modulus_limb(0), t0, 0UL, C, junk);
    LIMB_LOOP for (int j = 1; j < LIMBS; ++j) {
      mac(a.l[j], b.l[i], t.l[j], A, A, lo);
      mac(m, modulus_limb(j), lo, C, C, t.l[j - 1]);
    }
    t.l[LIMBS - 1] = C + A;
  }
  return field_reduce_once(t);
}

// Whether a is a canonical value (a < m): the borrow out of a - m.
bool field_is_reduced(Elem a) {
  uint64_t borrow = 0UL;
  LIMB_LOOP for (int i = 0; i < LIMBS; ++i) {
    uint64_t m = modulus_limb(i);
    uint64_t d = a.l[i] - m;
    uint64_t b1 = a.l[i] < m ? 1UL : 0UL;
    uint64_t b2 = d < borrow ? 1UL : 0UL;
    borrow = b1 | b2;
  }
  return borrow != 0UL;
}

// R^2 mod m: field_mul by it takes a value into Montgomery form.
Elem field_r2() {
  const uint64_t r2[LIMBS] = R2;
  Elem e;
  LIMB_LOOP for (int i = 0; i < LIMBS; ++i) e.l[i] = r2[i];
  return e;
}
