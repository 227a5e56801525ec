// What an MSM's spans must satisfy before it runs (the C++ and C APIs share it).
#pragma once

#include <cstddef>

namespace gpuexec {

// How the points serve a batch: shared by every MSM, or one set of n per MSM.
struct MsmShape {
  std::size_t n = 0;          // points per MSM
  bool shared_points = true;  // points.size() == n; else batch * n points, MSM j's at j * n
};

// For `points` points, `scalars` scalars and `results` MSMs: throws InvalidArgument unless
// scalars == results * points (shared bases) or scalars == points == results * n.
MsmShape check_msm(std::size_t points, std::size_t scalars, std::size_t results);

}  // namespace gpuexec
