// The C ABI's G1 MSM: host points, resident bases, the point check.
#include "core/c_api_support.hpp"

using namespace gpuexec::capi;
using gpuexec::G1Affine;
using gpuexec::G1Jacobian;
using gpuexec::Scalar;

namespace {
// n points of 12 limbs: the pointer, the size, and reduced coordinates (coordinate 2i is point
// i's x, 2i + 1 its y).
std::span<const G1Affine> points_of(const uint64_t* p, std::size_t n, const char* name) {
  check_array<G1Affine>(p, n, name);
  check_reduced<gpuexec::Fp>(p, 2 * n, "point coordinates (x, y of each point)");
  return {reinterpret_cast<const G1Affine*>(p), n};
}

std::span<const Scalar> scalars_of(const uint8_t* p, std::size_t n) {
  check_array<Scalar>(p, n, "scalars");
  return {reinterpret_cast<const Scalar*>(p), n};
}

std::span<G1Jacobian> results_of(uint64_t* p, std::size_t batch) {
  check_array<G1Jacobian>(p, batch, "results");
  return {reinterpret_cast<G1Jacobian*>(p), batch};
}
}  // namespace

extern "C" {

gpuexec_status gpuexec_g1_check_points(const uint64_t* points, size_t n) {
  return guard("gpuexec_g1_check_points",
               [&] { gpuexec::check_points(points_of(points, n, "points"), "points"); });
}

gpuexec_status gpuexec_g1_msm(gpuexec_executor* ex, const uint64_t* points, size_t n_points,
                              const uint8_t* scalars, size_t n_scalars, uint64_t* results,
                              size_t batch) {
  return guard("gpuexec_g1_msm", [&] {
    need(ex, "ex");
    ex->cxx.msm(points_of(points, n_points, "points"), scalars_of(scalars, n_scalars),
                results_of(results, batch));
  });
}

namespace {
gpuexec_status create_bases(const char* fn, gpuexec_executor* ex, const uint64_t* points, size_t n,
                            unsigned precompute, gpuexec_msm_bases** out) {
  return guard(fn, [&] {
    need(ex, "ex");
    need(out, "out");
    *out = nullptr;
    *out = new gpuexec_msm_bases{
        ex->cxx.upload_bases(points_of(points, n, "points"), gpuexec::MsmBasesOptions{precompute})};
  });
}
}  // namespace

gpuexec_status gpuexec_msm_bases_create(gpuexec_executor* ex, const uint64_t* points, size_t n,
                                        gpuexec_msm_bases** out) {
  return create_bases("gpuexec_msm_bases_create", ex, points, n, 1, out);
}

gpuexec_status gpuexec_msm_bases_create_precomputed(gpuexec_executor* ex, const uint64_t* points,
                                                    size_t n, unsigned precompute,
                                                    gpuexec_msm_bases** out) {
  return create_bases("gpuexec_msm_bases_create_precomputed", ex, points, n, precompute, out);
}

size_t gpuexec_msm_bases_size(const gpuexec_msm_bases* bases) {
  return bases ? bases->cxx.size() : 0;
}

void gpuexec_msm_bases_destroy(gpuexec_msm_bases* bases) {
  delete bases;
}

gpuexec_status gpuexec_g1_msm_bases(gpuexec_executor* ex, const gpuexec_msm_bases* bases,
                                    const uint8_t* scalars, size_t n_scalars, uint64_t* results,
                                    size_t batch) {
  return guard("gpuexec_g1_msm_bases", [&] {
    need(ex, "ex");
    need(bases, "bases");
    ex->cxx.msm(bases->cxx, scalars_of(scalars, n_scalars), results_of(results, batch));
  });
}

}  // extern "C"
