#include "core/msm_checks.hpp"

#include <fmt/format.h>

#include <mutex>

#include "cpu/parallel_for.hpp"
#include "gpuexec/error.hpp"
#include "gpuexec/msm.hpp"

namespace gpuexec {

MsmShape check_msm(std::size_t points, std::size_t scalars, std::size_t results) {
  if (results == 0) {
    if (scalars == 0) return {points, true};
    throw Error(ErrorCode::InvalidArgument, "msm: no result slots for the scalars given");
  }
  if (points != 0 && scalars / results == points && scalars % results == 0) {
    return {points, true};
  }
  if (scalars == points && points % results == 0) return {points / results, false};
  if (points == 0 && scalars == 0) return {0, true};
  throw Error(ErrorCode::InvalidArgument,
              fmt::format("msm: {} scalars and {} points do not make {} MSMs: give batch * n "
                          "scalars with n shared points, or batch * n of each",
                          scalars, points, results));
}

void check_points(std::span<const G1Affine> points, std::string_view name) {
  std::size_t first = points.size();
  const char* why = "";
  std::mutex m;
  cpu::parallel_for(points.size(), [&](std::size_t begin, std::size_t end) {
    for (std::size_t i = begin; i < end; ++i) {
      const bool on = g1::is_on_curve(points[i]);
      if (on && g1::in_subgroup(points[i])) continue;
      std::lock_guard lock(m);
      if (i < first) first = i, why = on ? "not in the subgroup G1" : "not on the curve";
      return;
    }
  });
  if (first != points.size()) {
    throw Error(ErrorCode::InvalidArgument, fmt::format("{}[{}] is {}", name, first, why));
  }
}

}  // namespace gpuexec
