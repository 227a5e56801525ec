// Montgomery arithmetic over LIMBS x u32 limbs (little-endian), the same bytes as the host's u64
// limbs. No 64-bit integers: runs on devices without shaderInt64, and NVIDIA, which emulates
// 64-bit multiplies, may prefer it. Carries through umulExtended / uaddCarry / usubBorrow.
// The field comes from field_constants.glsl: LIMBS, MODULUS and INV = -m^-1 mod 2^32.
// FIELD_WIDE (u32w, needs shaderInt64): each a * b + c + d and each carry chain step is one 64-bit
// sum of 32-bit values instead (NVIDIA: one IMAD.WIDE.U32 plus a 64-bit add; carries in the
// high word), the limbs still 32 bits.

const uint MODULUS_WORDS[LIMBS] = MODULUS;

struct Elem {
  uint l[LIMBS];
};

// (hi, lo) = a * b + c + d; never overflows 64 bits.
void mac32(uint a, uint b, uint c, uint d, out uint hi, out uint lo) {
#ifdef FIELD_WIDE
  uvec2 t = unpackUint2x32(uint64_t(a) * uint64_t(b) + uint64_t(c) + uint64_t(d));
  lo = t.x;
  hi = t.y;
#else
  uint mhi, mlo;
  umulExtended(a, b, mhi, mlo);
  uint c1, c2;
  lo = uaddCarry(mlo, c, c1);
  lo = uaddCarry(lo, d, c2);
  hi = mhi + c1 + c2;
#endif
}

// (carry, r) = a + b + carry_in (carry_in 0 or 1).
uint add_carry(uint a, uint b, uint carry_in, out uint carry) {
#ifdef FIELD_WIDE
  uvec2 t = unpackUint2x32(uint64_t(a) + uint64_t(b) + uint64_t(carry_in));
  carry = t.y;
  return t.x;
#else
  uint c1, c2;
  uint s = uaddCarry(a, b, c1);
  uint r = uaddCarry(s, carry_in, c2);
  carry = c1 | c2;
  return r;
#endif
}

// (borrow, r) = a - b - borrow_in (borrow_in 0 or 1; borrow 0 or 1).
uint sub_borrow(uint a, uint b, uint borrow_in, out uint borrow) {
#ifdef FIELD_WIDE
  uvec2 t = unpackUint2x32(uint64_t(a) - uint64_t(b) - uint64_t(borrow_in));
  borrow = t.y & 1u;
  return t.x;
#else
  uint b1, b2;
  uint d = usubBorrow(a, b, b1);
  uint r = usubBorrow(d, borrow_in, b2);
  borrow = b1 | b2;
  return r;
#endif
}

// r - m when r >= m (r < 2m).
Elem field_reduce_once(Elem r) {
  Elem t;
  uint borrow = 0u;
  LIMB_LOOP for (int i = 0; i < LIMBS; ++i) {
    t.l[i] = sub_borrow(r.l[i], MODULUS_WORDS[i], borrow, borrow);
  }
  return borrow != 0u ? r : t;
}

// Needs 2m < 2^(32 LIMBS): no carry leaves the top word (the generator checks the field).
Elem field_add(Elem a, Elem b) {
  Elem r;
  uint carry = 0u;
  LIMB_LOOP for (int i = 0; i < LIMBS; ++i) r.l[i] = add_carry(a.l[i], b.l[i], carry, carry);
  return field_reduce_once(r);
}

Elem field_sub(Elem a, Elem b) {
  Elem r;
  uint borrow = 0u;
  LIMB_LOOP for (int i = 0; i < LIMBS; ++i) r.l[i] = sub_borrow(a.l[i], b.l[i], borrow, borrow);
  if (borrow != 0u) {  // a < b: add m back
    uint carry = 0u;
    LIMB_LOOP for (int i = 0; i < LIMBS; ++i) {
      r.l[i] = add_carry(r.l[i], MODULUS_WORDS[i], carry, carry);
    }
  }
  return r;
}

#ifndef FIELD_MUL28
// Montgomery product, CIOS with the no-final-carry shortcut (top word below 2^31 - 1, which the
// generator checks).
Elem field_mul(Elem a, Elem b) {
  Elem t;
  LIMB_LOOP for (int i = 0; i < LIMBS; ++i) t.l[i] = 0u;
  LIMB_LOOP for (int i = 0; i < LIMBS; ++i) {
    uint A, C, t0, m, lo, junk;
    mac32(a.l[0], b.l[i], t.l[0], 0u, A, t0);
    m = t0 * INV;
    mac32(m, MODULUS_WORDS[0], t0, 0u, C, junk);
    LIMB_LOOP for (int j = 1; j < LIMBS; ++j) {
      mac32(a.l[j], b.l[i], t.l[j], A, A, lo);
      mac32(m, MODULUS_WORDS[j], lo, C, C, t.l[j - 1]);
    }
    t.l[LIMBS - 1] = C + A;
  }
  return field_reduce_once(t);
}
#else
// Montgomery product in L28 limbs of 28 bits (FIELD_MUL28, u28w; needs shaderInt64): every
// product is below 2^56, so one 64-bit accumulator takes a whole column of a * b and m * p
// products (at most 2 L28 - 1 of them, below 2^61) and each product is one multiply-add into it
// (NVIDIA: IMAD.WIDE.U32), no carry per product. Product scanning with the reduction
// interleaved (FIPS). R stays 2^(32 LIMBS): the first L28 - 1 reduction steps take 28 bits each,
// the last the remaining S28 bits; the result, T / 2^(28 (L28 - 1) + S28) < 2m, is read out of
// the upper columns shifted by S28 bits, then reduced once in 32-bit words.
const int L28 = (32 * LIMBS + 27) / 28;
const int S28 = 32 * LIMBS - 28 * (L28 - 1);
const uint MASK28 = 0x0fffffffu;

// Bits [28 k, 28 k + 28) of the 32 LIMBS-bit value w (k constant once unrolled).
uint limb28(uint w[LIMBS], int k) {
  int j = (28 * k) / 32, off = (28 * k) % 32;
  uint v = w[j] >> off;
  if (off > 4 && j + 1 < LIMBS) v |= w[j + 1] << (32 - off);
  return v & MASK28;
}

Elem field_mul(Elem a, Elem b) {
  uint x[L28], y[L28], p[L28], m[L28], r[L28 + 1];
  LIMB_LOOP for (int k = 0; k < L28; ++k) {
    x[k] = limb28(a.l, k);
    y[k] = limb28(b.l, k);
    p[k] = limb28(MODULUS_WORDS, k);
  }
  const uint inv28 = uint(INV) & MASK28;
  uint64_t acc = 0UL;
  LIMB_LOOP for (int k = 0; k < L28; ++k) {
    // Constant trip counts: spirv-opt unrolls these; the conditions fold per column.
    LIMB_LOOP for (int i = 0; i < L28; ++i) {
      if (i <= k) acc += uint64_t(x[i]) * uint64_t(y[k - i]);
    }
    LIMB_LOOP for (int i = 0; i < L28; ++i) {
      if (i < k) acc += uint64_t(m[i]) * uint64_t(p[k - i]);
    }
    uint mask = k < L28 - 1 ? MASK28 : (1u << S28) - 1u;
    m[k] = (uint(acc) * inv28) & mask;
    acc += uint64_t(m[k]) * uint64_t(p[0]);
    if (k == L28 - 1) r[0] = uint(acc) & MASK28;  // its low S28 bits are zero
    acc >>= 28;
  }
  LIMB_LOOP for (int k = L28; k < 2 * L28 - 1; ++k) {
    LIMB_LOOP for (int i = 1; i < L28; ++i) {
      if (i > k - L28) {
        acc += uint64_t(x[i]) * uint64_t(y[k - i]) + uint64_t(m[i]) * uint64_t(p[k - i]);
      }
    }
    r[k - L28 + 1] = uint(acc) & MASK28;
    acc >>= 28;
  }
  r[L28] = uint(acc);
  // Word w of the result: bits [S28 + 32 w, S28 + 32 w + 32) of r (28-bit limbs).
  Elem t;
  LIMB_LOOP for (int w = 0; w < LIMBS; ++w) {
    int start = S28 + 32 * w, j = start / 28, off = start % 28;
    uint v = r[j] >> off;
    if (j + 1 <= L28) v |= r[j + 1] << (28 - off);
    if (off > 24 && j + 2 <= L28) v |= r[j + 2] << (56 - off);
    t.l[w] = v;
  }
  return field_reduce_once(t);
}
#endif

// Whether a is a canonical value (a < m): the borrow out of a - m.
bool field_is_reduced(Elem a) {
  uint borrow = 0u;
  LIMB_LOOP for (int i = 0; i < LIMBS; ++i) sub_borrow(a.l[i], MODULUS_WORDS[i], borrow, borrow);
  return borrow != 0u;
}

// R^2 mod m: field_mul by it takes a value into Montgomery form.
Elem field_r2() {
  const uint r2[LIMBS] = R2;
  Elem e;
  LIMB_LOOP for (int i = 0; i < LIMBS; ++i) e.l[i] = r2[i];
  return e;
}
