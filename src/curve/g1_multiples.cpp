#include "curve/g1_multiples.hpp"

#include "cpu/parallel_for.hpp"

namespace gpuexec::g1 {

std::vector<G1Affine> base_multiples(std::span<const G1Affine> points, unsigned blocks,
                                     unsigned shift_bits) {
  std::vector<G1Affine> out(points.size() * blocks);
  // Per base: shift_bits doublings per copy; each range's copies made affine with one inversion.
  cpu::parallel_for(points.size(), [&](std::size_t begin, std::size_t end) {
    constexpr std::size_t kBatch = 256;
    std::vector<G1Jacobian> jac;
    jac.reserve(kBatch * blocks);
    for (std::size_t first = begin; first < end; first += kBatch) {
      const std::size_t last = std::min(end, first + kBatch);
      jac.clear();
      for (std::size_t i = first; i < last; ++i) {
        G1Jacobian p = to_jacobian(points[i]);
        jac.push_back(p);
        for (unsigned k = 1; k < blocks; ++k) {
          for (unsigned b = 0; b < shift_bits; ++b) p = dbl(p);
          jac.push_back(p);
        }
      }
      batch_to_affine(jac, std::span(out).subspan(first * blocks, jac.size()));
    }
  });
  return out;
}

}  // namespace gpuexec::g1
