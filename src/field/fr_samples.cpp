#include "gpuexec/fr_samples.hpp"

namespace gpuexec {

namespace {
using fr::Limbs;

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
  for (int i = 0; i < 4; ++i) r[i] = (x[i] >> 1) | (i < 3 ? x[i + 1] << 63 : 0);
  return r;
}

Limbs power_of_two(int bit) {
  Limbs r{};
  r[bit / 64] = uint64_t{1} << (bit % 64);
  return r;
}
}  // namespace

std::vector<Fr> fr_edge_values() {
  const Limbs r = fr::kModulus;
  const Limbs half_down = shr1(r);  // r is odd: (r-1)/2 = floor(r/2), (r+1)/2 = that + 1
  Limbs half_up = half_down;
  half_up[0] += 1;  // floor(r/2)'s low limb is 0x7fffffff80000000: no carry
  std::vector<Limbs> plain = {Limbs{},         Limbs{1},  Limbs{2}, sub_small(r, 1),
                              sub_small(r, 2), half_down, half_up,  Limbs{~uint64_t{0}},
                              Limbs{7}};
  for (int bit = 64; bit <= 192; bit += 64) plain.push_back(power_of_two(bit));
  for (int bit = 64; bit <= 192; bit += 64) plain.push_back(sub_small(power_of_two(bit), 1));
  plain.push_back(power_of_two(254));

  std::vector<Fr> out;
  for (const Limbs& x : plain) out.push_back(fr::to_montgomery(x));
  // R as a value: its Montgomery form is R^2; R^-1 as a value has Montgomery form 1.
  out.push_back(fr::to_montgomery(fr::kOne.limbs));
  out.push_back(Fr{{1, 0, 0, 0}});
  for (unsigned k : {1u, 2u, 16u, 32u}) out.push_back(fr::root_of_unity(k));
  return out;
}

void fr_edge_pairs(std::vector<Fr>& a, std::vector<Fr>& b) {
  const std::vector<Fr> edges = fr_edge_values();
  for (const Fr& x : edges) {
    for (const Fr& y : edges) {
      a.push_back(x);
      b.push_back(y);
    }
  }
}

Fr fr_random(std::mt19937_64& rng) {
  for (;;) {
    Limbs x;
    for (auto& limb : x) limb = rng();
    x[3] &= (uint64_t{1} << 63) - 1;        // r < 2^255: about one draw in 1.1 is accepted
    if (fr::is_canonical(x)) return Fr{x};  // uniform in [0, r) as a Montgomery representative too
  }
}

}  // namespace gpuexec
