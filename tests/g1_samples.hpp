// Random G1 points and scalars for tests, reproducible from a seed.
#pragma once

#include <random>
#include <vector>

#include "gpuexec/g1.hpp"
#include "gpuexec/g1_samples.hpp"  // random_scalar

namespace gpuexec::test {

// n random multiples of G (affine): a + k s with a, s random, in one batch inversion.
inline std::vector<G1Affine> random_points(std::size_t n, std::mt19937_64& rng) {
  const G1Jacobian g = g1::to_jacobian(g1::generator());
  const G1Jacobian step = g1::mul(g, random_scalar(rng));
  G1Jacobian acc = g1::mul(g, random_scalar(rng));
  std::vector<G1Jacobian> jac(n);
  for (auto& p : jac) {
    p = acc;
    acc = g1::add(acc, step);
  }
  std::vector<G1Affine> out(n);
  g1::batch_to_affine(jac, out);
  return out;
}

// sum_i [scalars[i]] points[i] by double-and-add: the slow, obvious reference.
inline G1Jacobian naive_msm(std::span<const G1Affine> points, std::span<const Scalar> scalars) {
  G1Jacobian acc = g1::kInfinity;
  for (std::size_t i = 0; i < points.size(); ++i) {
    acc = g1::add(acc, g1::mul(points[i], scalars[i]));
  }
  return acc;
}

}  // namespace gpuexec::test
