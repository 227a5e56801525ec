#include "gpuexec/g1_samples.hpp"

#include <algorithm>

#include "cpu/parallel_for.hpp"

namespace gpuexec {

namespace {
constexpr std::size_t kBlock = 1024;
}

Scalar random_scalar(std::mt19937_64& rng) {
  for (;;) {
    std::array<uint64_t, 4> l{rng(), rng(), rng(), rng() >> 1};
    if (fr::is_canonical(l)) return scalar_from_limbs(l);
  }
}

std::vector<G1Affine> g1_random_points(std::size_t n, uint64_t seed) {
  std::vector<G1Affine> out(n);
  const std::size_t blocks = (n + kBlock - 1) / kBlock;
  const G1Jacobian g = g1::to_jacobian(g1::generator());
  // Each block's work is a block of points: weigh it so parallel_for spreads blocks over cores.
  cpu::parallel_for(blocks * kBlock, [&](std::size_t begin, std::size_t end) {
    std::vector<G1Jacobian> jac(kBlock);
    for (std::size_t b = (begin + kBlock - 1) / kBlock; b * kBlock < end; ++b) {
      std::mt19937_64 rng(seed ^ (0x9e3779b97f4a7c15 * (b + 1)));
      const G1Jacobian step = g1::mul(g, random_scalar(rng));
      G1Jacobian acc = g1::mul(g, random_scalar(rng));
      const std::size_t first = b * kBlock, count = std::min(kBlock, n - first);
      for (std::size_t k = 0; k < count; ++k) {
        jac[k] = acc;
        acc = g1::add(acc, step);
      }
      g1::batch_to_affine(std::span(jac).first(count), std::span(out).subspan(first, count));
    }
  });
  return out;
}

}  // namespace gpuexec
