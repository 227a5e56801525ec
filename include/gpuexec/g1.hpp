// G1 of BLS12-381: points of y^2 = x^3 + 4 over Fp, the order-r subgroup, and reference
// arithmetic in three coordinate systems. Layouts match blst, so callers pass their arrays as
// they are. The formulas are exact and handle every special case (infinity, P + P, P + (-P)).
#pragma once

#include <array>
#include <cstdint>
#include <span>

#include "gpuexec/fp.hpp"
#include "gpuexec/fr.hpp"

namespace gpuexec {

// (x, y) in Montgomery form: blst_p1_affine. Infinity is x = y = 0, as in blst; (0, 0) is not
// on the curve, so nothing else has that encoding.
struct G1Affine {
  Fp x, y;
  friend bool operator==(const G1Affine&, const G1Affine&) = default;
};
static_assert(sizeof(G1Affine) == 96);

// Jacobian (x = X / Z^2, y = Y / Z^3): blst_p1. Infinity is any point with Z = 0. Many triples
// stand for one point: compare with g1::equal, not bytewise.
struct G1Jacobian {
  Fp x, y, z;
};
static_assert(sizeof(G1Jacobian) == 144);

// XYZZ (x = X / ZZ, y = Y / ZZZ, ZZ^3 = ZZZ^2): the bucket form of Pippenger, whose mixed
// addition of an affine point costs 8M + 2S against Jacobian's 7M + 4S plus doubling checks.
// Infinity is ZZ = 0.
struct G1Xyzz {
  Fp x, y, zz, zzz;
};

// A scalar as blst_scalar: a 256-bit little-endian integer, 32 bytes. Any value is accepted;
// on G1 only its value mod r matters.
struct Scalar {
  std::array<uint8_t, 32> bytes{};
  friend bool operator==(const Scalar&, const Scalar&) = default;
};
static_assert(sizeof(Scalar) == 32);

// The scalar of a plain little-endian 256-bit integer, of an Fr element (its canonical value)
// and back.
Scalar scalar_from_limbs(const std::array<uint64_t, 4>& x);
Scalar scalar_from_fr(const Fr& a);
std::array<uint64_t, 4> scalar_limbs(const Scalar& s);

namespace g1 {

// The standard generator (DESIGN.md, zcash / IETF).
G1Affine generator();
// The point at infinity: all zero (Z = 0 marks it).
inline constexpr G1Jacobian kInfinity{};

// BLS parameter |x| = 0xd201000000010000; the curve's x is its negative.
inline constexpr uint64_t kBlsX = 0xd201000000010000;
// beta, a cube root of unity in Fp (plain): sigma(x, y) = (beta x, y) acts on G1 as [-x^2].
inline constexpr Limbs kBeta = {0x2e01fffffffefffe, 0xde17d813620a0002, 0xddb3a93be6f89688,
                                0xba69c6076a0f77ea, 0x5f19672fdf76ce51, 0x0000000000000000};

bool is_infinity(const G1Affine& p);
bool is_infinity(const G1Jacobian& p);
bool is_infinity(const G1Xyzz& p);

// y^2 = x^3 + 4; infinity counts as on the curve.
bool is_on_curve(const G1Affine& p);
bool is_on_curve(const G1Jacobian& p);

G1Jacobian to_jacobian(const G1Affine& p);
G1Affine to_affine(const G1Jacobian& p);  // one inversion
// out[i] = to_affine(in[i]) with one inversion for the whole span (Montgomery's trick);
// in and out have the same size.
void batch_to_affine(std::span<const G1Jacobian> in, std::span<G1Affine> out);

G1Affine neg(const G1Affine& p);
G1Jacobian neg(const G1Jacobian& p);
G1Jacobian dbl(const G1Jacobian& p);
G1Jacobian add(const G1Jacobian& a, const G1Jacobian& b);
G1Jacobian add_mixed(const G1Jacobian& a, const G1Affine& b);

// XYZZ: the forms Pippenger's buckets use.
G1Xyzz to_xyzz(const G1Affine& p);
G1Jacobian to_jacobian(const G1Xyzz& p);  // no inversion
G1Xyzz dbl(const G1Xyzz& p);
G1Xyzz add(const G1Xyzz& a, const G1Xyzz& b);
G1Xyzz add_mixed(const G1Xyzz& a, const G1Affine& b);

// Same point, whatever the coordinates.
bool equal(const G1Jacobian& a, const G1Jacobian& b);
bool equal(const G1Jacobian& a, const G1Affine& b);

// [k] p by double-and-add over the 256 bits of k (reference and tests; not constant time).
G1Jacobian mul(const G1Jacobian& p, const Scalar& k);
G1Jacobian mul(const G1Affine& p, const Scalar& k);

// sigma(x, y) = (beta x, y), the endomorphism of the subgroup check.
G1Affine sigma(const G1Affine& p);
// Membership in the order-r subgroup for a point on the curve (Scott 2021): sigma(P) = [-x^2] P,
// two 64-bit multiplications. Infinity is in G1. The caller checks is_on_curve first.
bool in_subgroup(const G1Affine& p);
// The definition, [r] P = O: about 4x slower; for tests.
bool in_subgroup_by_order(const G1Affine& p);

}  // namespace g1
}  // namespace gpuexec
