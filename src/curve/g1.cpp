// G1 reference arithmetic: the formulas of g1_formulas.hpp over the portable Fp template, the
// conversions, scalar multiplication and the subgroup checks.
#include "gpuexec/g1.hpp"

#include <cstring>
#include <stdexcept>
#include <vector>

#include "curve/g1_formulas.hpp"

namespace gpuexec {
namespace {

using Ref = curve::G1Formulas<fp::Field>;
using curve::kB;

constexpr Limbs kGeneratorX = {0xfb3af00adb22c6bb, 0x6c55e83ff97a1aef, 0xa14e3a3f171bac58,
                               0xc3688c4f9774b905, 0x2695638c4fa9ac0f, 0x17f1d3a73197d794};
constexpr Limbs kGeneratorY = {0x0caa232946c5e7e1, 0xd03cc744a2888ae4, 0x00db18cb2c04b3ed,
                               0xfcf5e095d5d00af6, 0xa09e30ed741d8ae4, 0x08b3f481e3aaa0f1};

// r, little-endian bytes.
Scalar order_scalar() {
  return scalar_from_limbs(kFrParams.modulus);
}

// [k] p for a 64-bit k, high bit first.
G1Jacobian mul_u64(const G1Jacobian& p, uint64_t k) {
  G1Jacobian acc{};
  for (int i = 63; i >= 0; --i) {
    acc = Ref::dbl(acc);
    if ((k >> i) & 1) acc = Ref::add(acc, p);
  }
  return acc;
}

}  // namespace

Scalar scalar_from_limbs(const std::array<uint64_t, 4>& x) {
  Scalar s;
  for (std::size_t i = 0; i < 32; ++i) s.bytes[i] = static_cast<uint8_t>(x[i / 8] >> (8 * (i % 8)));
  return s;
}

Scalar scalar_from_fr(const Fr& a) {
  return scalar_from_limbs(fr::from_montgomery(a));
}

std::array<uint64_t, 4> scalar_limbs(const Scalar& s) {
  std::array<uint64_t, 4> x{};
  for (std::size_t i = 0; i < 32; ++i) x[i / 8] |= uint64_t{s.bytes[i]} << (8 * (i % 8));
  return x;
}

namespace g1 {

G1Affine generator() {
  return {fp::to_montgomery(kGeneratorX), fp::to_montgomery(kGeneratorY)};
}

bool is_infinity(const G1Affine& p) {
  return fp::is_zero(p.x) && fp::is_zero(p.y);
}
bool is_infinity(const G1Jacobian& p) {
  return fp::is_zero(p.z);
}
bool is_infinity(const G1Xyzz& p) {
  return fp::is_zero(p.zz);
}

bool is_on_curve(const G1Affine& p) {
  if (is_infinity(p)) return true;
  return fp::sqr(p.y) == fp::add(fp::mul(fp::sqr(p.x), p.x), kB);
}

// Y^2 = X^3 + 4 Z^6.
bool is_on_curve(const G1Jacobian& p) {
  if (is_infinity(p)) return true;
  const Fp z2 = fp::sqr(p.z);
  const Fp z6 = fp::mul(fp::sqr(z2), z2);
  return fp::sqr(p.y) == fp::add(fp::mul(fp::sqr(p.x), p.x), fp::mul(kB, z6));
}

G1Jacobian to_jacobian(const G1Affine& p) {
  if (is_infinity(p)) return kInfinity;
  return {p.x, p.y, fp::kOne};
}

G1Affine to_affine(const G1Jacobian& p) {
  if (is_infinity(p)) return {};
  const Fp zi = fp::inverse(p.z);
  const Fp zi2 = fp::sqr(zi);
  return {fp::mul(p.x, zi2), fp::mul(p.y, fp::mul(zi2, zi))};
}

void batch_to_affine(std::span<const G1Jacobian> in, std::span<G1Affine> out) {
  if (in.size() != out.size()) throw std::invalid_argument("batch_to_affine: sizes differ");
  // prefix[i] = product of the finite Z before i; one inversion of the whole product, then
  // each inverse falls out walking back.
  std::vector<Fp> prefix(in.size());
  Fp acc = fp::kOne;
  for (std::size_t i = 0; i < in.size(); ++i) {
    prefix[i] = acc;
    if (!is_infinity(in[i])) acc = fp::mul(acc, in[i].z);
  }
  Fp inv = fp::inverse(acc);
  for (std::size_t i = in.size(); i-- > 0;) {
    if (is_infinity(in[i])) {
      out[i] = {};
      continue;
    }
    const Fp zi = fp::mul(inv, prefix[i]);
    inv = fp::mul(inv, in[i].z);
    const Fp zi2 = fp::sqr(zi);
    const G1Jacobian& p = in[i];  // read before out[i] is written: in and out may alias bytes
    const Fp x = fp::mul(p.x, zi2), y = fp::mul(p.y, fp::mul(zi2, zi));
    out[i] = {x, y};
  }
}

G1Affine neg(const G1Affine& p) {
  if (is_infinity(p)) return p;
  return {p.x, fp::neg(p.y)};
}
G1Jacobian neg(const G1Jacobian& p) {
  return {p.x, fp::neg(p.y), p.z};
}
G1Jacobian dbl(const G1Jacobian& p) {
  return Ref::dbl(p);
}
G1Jacobian add(const G1Jacobian& a, const G1Jacobian& b) {
  return Ref::add(a, b);
}
G1Jacobian add_mixed(const G1Jacobian& a, const G1Affine& b) {
  return Ref::add_mixed(a, b.x, b.y);
}

G1Xyzz to_xyzz(const G1Affine& p) {
  if (is_infinity(p)) return {};
  return {p.x, p.y, fp::kOne, fp::kOne};
}
G1Jacobian to_jacobian(const G1Xyzz& p) {
  return Ref::to_jacobian(p);
}
G1Xyzz dbl(const G1Xyzz& p) {
  return Ref::dbl(p);
}
G1Xyzz add(const G1Xyzz& a, const G1Xyzz& b) {
  return Ref::add(a, b);
}
G1Xyzz add_mixed(const G1Xyzz& a, const G1Affine& b) {
  return Ref::add_mixed(a, b.x, b.y);
}

// X1 Z2^2 = X2 Z1^2 and Y1 Z2^3 = Y2 Z1^3.
bool equal(const G1Jacobian& a, const G1Jacobian& b) {
  const bool ia = is_infinity(a), ib = is_infinity(b);
  if (ia || ib) return ia == ib;
  const Fp za2 = fp::sqr(a.z), zb2 = fp::sqr(b.z);
  if (fp::mul(a.x, zb2) != fp::mul(b.x, za2)) return false;
  return fp::mul(a.y, fp::mul(zb2, b.z)) == fp::mul(b.y, fp::mul(za2, a.z));
}
bool equal(const G1Jacobian& a, const G1Affine& b) {
  return equal(a, to_jacobian(b));
}

G1Jacobian mul(const G1Jacobian& p, const Scalar& k) {
  const auto limbs = scalar_limbs(k);
  G1Jacobian acc{};
  for (int i = 255; i >= 0; --i) {
    acc = Ref::dbl(acc);
    if ((limbs[i / 64] >> (i % 64)) & 1) acc = Ref::add(acc, p);
  }
  return acc;
}
G1Jacobian mul(const G1Affine& p, const Scalar& k) {
  return mul(to_jacobian(p), k);
}

G1Affine sigma(const G1Affine& p) {
  static constexpr Fp beta = fp::Field::to_montgomery(kBeta);
  return {fp::mul(beta, p.x), p.y};
}

// On G1, sigma acts as [lambda] with lambda = -x^2 mod r (a root of l^2 + l + 1, as
// r = x^4 - x^2 + 1). Scott 2021 shows that, on this curve, sigma(P) = [-x^2] P holds for no
// point of the curve outside G1, so the equation alone decides membership.
bool in_subgroup(const G1Affine& p) {
  if (is_infinity(p)) return true;
  const G1Jacobian x2p = mul_u64(mul_u64(to_jacobian(p), kBlsX), kBlsX);  // [x^2] P
  return equal(neg(x2p), sigma(p));
}

bool in_subgroup_by_order(const G1Affine& p) {
  return is_infinity(mul(p, order_scalar()));
}

}  // namespace g1
}  // namespace gpuexec
