// BLS12-381 Fp arithmetic over 6 x u64 Montgomery limbs (little-endian), the same layout as the host.
// 64x64 -> 128-bit products are built from four 32x32 products: GLSL has no 64-bit umulExtended.
#extension GL_EXT_shader_explicit_arithmetic_types_int64 : require

const uint64_t P0 = 0xb9feffffffffaaabUL;
const uint64_t P1 = 0x1eabfffeb153ffffUL;
const uint64_t P2 = 0x6730d2a0f6b0f624UL;
const uint64_t P3 = 0x64774b84f38512bfUL;
const uint64_t P4 = 0x4b1ba7b6434bacd7UL;
const uint64_t P5 = 0x1a0111ea397fe69aUL;
const uint64_t INV = 0x89f3fffcfffcfffdUL;  // -p^-1 mod 2^64

struct Fp {
  uint64_t l[6];
};

uint64_t modulus_limb(int i) {
  const uint64_t p[6] = uint64_t[6](P0, P1, P2, P3, P4, P5);
  return p[i];
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

// r - p when r >= p (r < 2p).
Fp reduce_once(Fp r) {
  Fp t;
  uint64_t borrow = 0UL;
  for (int i = 0; i < 6; ++i) {
    uint64_t m = modulus_limb(i);
    uint64_t d = r.l[i] - m;
    uint64_t b1 = r.l[i] < m ? 1UL : 0UL;
    uint64_t b2 = d < borrow ? 1UL : 0UL;
    t.l[i] = d - borrow;
    borrow = b1 | b2;
  }
  return borrow != 0UL ? r : t;
}

Fp fp_add(Fp a, Fp b) {
  Fp r;
  uint64_t carry = 0UL;
  for (int i = 0; i < 6; ++i) {
    uint64_t s = a.l[i] + b.l[i];
    uint64_t c1 = s < a.l[i] ? 1UL : 0UL;
    r.l[i] = s + carry;
    uint64_t c2 = r.l[i] < s ? 1UL : 0UL;
    carry = c1 | c2;
  }
  return reduce_once(r);
}

Fp fp_sub(Fp a, Fp b) {
  Fp r;
  uint64_t borrow = 0UL;
  for (int i = 0; i < 6; ++i) {
    uint64_t d = a.l[i] - b.l[i];
    uint64_t b1 = a.l[i] < b.l[i] ? 1UL : 0UL;
    uint64_t b2 = d < borrow ? 1UL : 0UL;
    r.l[i] = d - borrow;
    borrow = b1 | b2;
  }
  if (borrow != 0UL) {  // a < b: add p back
    uint64_t carry = 0UL;
    for (int i = 0; i < 6; ++i) {
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

// Montgomery product, CIOS with the no-final-carry shortcut (p's top limb < 2^63 - 1).
Fp fp_mul(Fp a, Fp b) {
  Fp t;
  for (int i = 0; i < 6; ++i) t.l[i] = 0UL;
  for (int i = 0; i < 6; ++i) {
    uint64_t A, C, t0, m, lo, junk;
    mac(a.l[0], b.l[i], t.l[0], 0UL, A, t0);
    m = t0 * INV;
    mac(m, P0, t0, 0UL, C, junk);
    for (int j = 1; j < 6; ++j) {
      mac(a.l[j], b.l[i], t.l[j], A, A, lo);
      mac(m, modulus_limb(j), lo, C, C, t.l[j - 1]);
    }
    t.l[5] = C + A;
  }
  return reduce_once(t);
}
