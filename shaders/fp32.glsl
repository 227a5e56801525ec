// BLS12-381 Fp arithmetic over 12 x u32 Montgomery limbs (little-endian), the same 48 bytes as
// the host's 6 x u64. No 64-bit integers: runs on devices without shaderInt64, and NVIDIA, which
// emulates 64-bit multiplies, may prefer it. Carries through umulExtended / uaddCarry / usubBorrow.

const uint P32[12] = uint[12](0xffffaaabu, 0xb9feffffu, 0xb153ffffu, 0x1eabfffeu, 0xf6b0f624u,
                              0x6730d2a0u, 0xf38512bfu, 0x64774b84u, 0x434bacd7u, 0x4b1ba7b6u,
                              0x397fe69au, 0x1a0111eau);
const uint INV32 = 0xfffcfffdu;  // -p^-1 mod 2^32

struct Fp {
  uint l[12];
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

// r - p when r >= p (r < 2p).
Fp reduce_once(Fp r) {
  Fp t;
  uint borrow = 0u;
  for (int i = 0; i < 12; ++i) {
    uint b1, b2;
    uint d = usubBorrow(r.l[i], P32[i], b1);
    t.l[i] = usubBorrow(d, borrow, b2);
    borrow = b1 | b2;
  }
  return borrow != 0u ? r : t;
}

Fp fp_add(Fp a, Fp b) {
  Fp r;
  uint carry = 0u;
  for (int i = 0; i < 12; ++i) {
    uint c1, c2;
    uint s = uaddCarry(a.l[i], b.l[i], c1);
    r.l[i] = uaddCarry(s, carry, c2);
    carry = c1 | c2;
  }
  return reduce_once(r);
}

Fp fp_sub(Fp a, Fp b) {
  Fp r;
  uint borrow = 0u;
  for (int i = 0; i < 12; ++i) {
    uint b1, b2;
    uint d = usubBorrow(a.l[i], b.l[i], b1);
    r.l[i] = usubBorrow(d, borrow, b2);
    borrow = b1 | b2;
  }
  if (borrow != 0u) {  // a < b: add p back
    uint carry = 0u;
    for (int i = 0; i < 12; ++i) {
      uint c1, c2;
      uint s = uaddCarry(r.l[i], P32[i], c1);
      r.l[i] = uaddCarry(s, carry, c2);
      carry = c1 | c2;
    }
  }
  return r;
}

// Montgomery product, CIOS with the no-final-carry shortcut (p's top word < 2^31 - 1).
Fp fp_mul(Fp a, Fp b) {
  Fp t;
  for (int i = 0; i < 12; ++i) t.l[i] = 0u;
  for (int i = 0; i < 12; ++i) {
    uint A, C, t0, m, lo, junk;
    mac32(a.l[0], b.l[i], t.l[0], 0u, A, t0);
    m = t0 * INV32;
    mac32(m, P32[0], t0, 0u, C, junk);
    for (int j = 1; j < 12; ++j) {
      mac32(a.l[j], b.l[i], t.l[j], A, A, lo);
      mac32(m, P32[j], lo, C, C, t.l[j - 1]);
    }
    t.l[11] = C + A;
  }
  return reduce_once(t);
}
