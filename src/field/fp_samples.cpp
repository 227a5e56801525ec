#include "gpuexec/fp_samples.hpp"

namespace gpuexec {

namespace {
Limbs sub_small(const Limbs& x, uint64_t v) {
  Limbs r = x;
  for (auto& limb : r) {
    const uint64_t before = limb;
    limb -= v;
    if (before >= v) break;
    v = 1;
  }
  return r;
}

Limbs shr1(const Limbs& x) {
  Limbs r{};
  for (int i = 0; i < 6; ++i) r[i] = (x[i] >> 1) | (i < 5 ? x[i + 1] << 63 : 0);
  return r;
}

Limbs power_of_two(int bit) {
  Limbs r{};
  r[bit / 64] = uint64_t{1} << (bit % 64);
  return r;
}
}  // namespace

std::vector<Fp> fp_edge_values() {
  const Limbs p = fp::kModulus;
  const Limbs half_down = shr1(p);  // p is odd: (p-1)/2 = floor(p/2), (p+1)/2 = that + 1
  Limbs half_up = half_down;
  half_up[0] += 1;  // the low limb of floor(p/2) is not all ones, so no carry
  std::vector<Limbs> plain = {Limbs{},         Limbs{1},  Limbs{2}, sub_small(p, 1),
                              sub_small(p, 2), half_down, half_up,  Limbs{~uint64_t{0}}};
  for (int bit = 64; bit <= 320; bit += 64) plain.push_back(power_of_two(bit));
  for (int bit = 64; bit <= 320; bit += 64) plain.push_back(sub_small(power_of_two(bit), 1));
  plain.push_back(power_of_two(380));

  std::vector<Fp> out;
  for (const Limbs& x : plain) out.push_back(fp::to_montgomery(x));
  // R as a value: its Montgomery form is R^2; R^-1 as a value has Montgomery form 1.
  out.push_back(fp::to_montgomery(fp::kOne.limbs));
  out.push_back(Fp{{1, 0, 0, 0, 0, 0}});
  // 2^381 mod p = 2 * 2^380 mod p.
  const Fp two_380 = fp::to_montgomery(power_of_two(380));
  out.push_back(fp::add(two_380, two_380));
  return out;
}

void fp_edge_pairs(std::vector<Fp>& a, std::vector<Fp>& b) {
  const std::vector<Fp> edges = fp_edge_values();
  for (const Fp& x : edges) {
    for (const Fp& y : edges) {
      a.push_back(x);
      b.push_back(y);
    }
  }
}

Fp fp_random(std::mt19937_64& rng) {
  for (;;) {
    Limbs x;
    for (auto& limb : x) limb = rng();
    x[5] &= (uint64_t{1} << 61) - 1;        // p < 2^381: about one draw in 1.2 is accepted
    if (fp::is_canonical(x)) return Fp{x};  // uniform in [0, p) as a Montgomery representative too
  }
}

}  // namespace gpuexec
