// G1: MSMs over (n, 2, 6) affine points and (n, 4) scalars, bases kept resident, and the point
// helpers the tests and the example need (to affine, the generator, the subgroup check).
#include <string>

#include "bindings.hpp"
#include "gpuexec/error.hpp"
#include "gpuexec/executor.hpp"
#include "gpuexec/g1.hpp"

namespace gpuexec::python {

namespace {

using namespace py::literals;

const Shape kAffine{2, 6}, kJacobian{3, 6}, kScalar{4};

// Points of any form (G1Affine, G1Jacobian) whose coordinates are all below p; NonCanonical
// naming the first point otherwise. Curve and subgroup are check_points' job (not cheap).
template <class Point>
Limbs points_arg(py::handle obj, const char* name, const Shape& shape) {
  Limbs a = limbs_arg(obj, name, shape);
  constexpr std::size_t kCoords = sizeof(Point) / sizeof(Fp);
  const auto points = view<Point>(a);
  for (std::size_t i = 0; i < points.size(); ++i) {
    const auto* coords = reinterpret_cast<const Fp*>(&points[i]);
    for (std::size_t k = 0; k < kCoords; ++k) {
      if (!fp::is_canonical(coords[k].limbs)) {
        throw Error(ErrorCode::NonCanonical,
                    std::string(name) + "[" + std::to_string(i) + "] has a coordinate not below p");
      }
    }
  }
  return a;
}

// results[j] = sum_i [scalars[j n + i]] points[i] (or bases), batch MSMs (Executor::msm).
py::object msm(Executor& ex, py::handle points, py::handle scalars, std::size_t batch) {
  const Limbs ls = limbs_arg(scalars, "scalars", kScalar);  // any 256-bit values
  Limbs results = new_limbs(static_cast<py::ssize_t>(batch), kJacobian);
  const auto s = view<Scalar>(ls);
  const auto r = mutable_view<G1Jacobian>(results);
  if (py::isinstance<MsmBases>(points)) {
    const auto& bases = points.cast<const MsmBases&>();
    py::gil_scoped_release unlocked;
    ex.msm(bases, s, r);
  } else {
    const Limbs lp = points_arg<G1Affine>(points, "points", kAffine);
    py::gil_scoped_release unlocked;
    ex.msm(view<G1Affine>(lp), s, r);
  }
  return results;
}

}  // namespace

void bind_msm(py::module_& m) {
  py::class_<MsmBases>(m, "MsmBases",
                       "G1 points kept where the executor computes, for many MSMs (an SRS "
                       "uploaded once). Made by Executor.upload_bases.")
      .def("__len__", &MsmBases::size)
      .def("__repr__", [](const MsmBases& b) {
        return "<gpuexec.MsmBases n=" + std::to_string(b.size()) + ">";
      });

  auto executor = py::reinterpret_borrow<py::class_<Executor>>(m.attr("Executor"));
  executor
      .def("msm", &msm, "points"_a, "scalars"_a, "batch"_a = 1,
           "batch MSMs: points (n, 2, 6) affine Montgomery (all zero = infinity) or MsmBases, "
           "scalars (batch * n, 4) uint64 plain little-endian integers (any 256-bit value); the "
           "points are shared, or one set per MSM when there are as many as scalars. Returns "
           "(batch, 3, 6) Jacobian points. The points are not checked to be in G1: see "
           "check_points.")
      .def(
          "upload_bases",
          [](Executor& ex, py::handle points, unsigned precompute) {
            const Limbs lp = points_arg<G1Affine>(points, "points", kAffine);
            py::gil_scoped_release unlocked;
            return ex.upload_bases(view<G1Affine>(lp), MsmBasesOptions{.precompute = precompute});
          },
          "points"_a, py::kw_only(), "precompute"_a = 1,
          "MsmBases for msm(); precompute > 1 keeps that many copies of shifted bases on a "
          "device for faster MSMs.");

  m.def(
      "check_points",
      [](py::handle points, const std::string& name) {
        const Limbs lp = points_arg<G1Affine>(points, name.c_str(), kAffine);
        py::gil_scoped_release unlocked;
        check_points(view<G1Affine>(lp), name);
      },
      "points"_a, "name"_a = "points",
      "Raises InvalidArgument naming the first (n, 2, 6) point not on the curve or not in G1.");
  m.def(
      "g1_to_affine",
      [](py::handle points) {
        const Limbs lp = points_arg<G1Jacobian>(points, "points", kJacobian);
        Limbs out = new_limbs(lp.shape(0), kAffine);
        const auto dst = mutable_view<G1Affine>(out);
        py::gil_scoped_release unlocked;
        g1::batch_to_affine(view<G1Jacobian>(lp), dst);
        return out;
      },
      "points"_a, "(n, 3, 6) Jacobian points (MSM results) -> (n, 2, 6) affine (infinity: zero).");
  m.def(
      "g1_generator",
      [] {
        Limbs out = new_limbs(1, kAffine);
        mutable_view<G1Affine>(out)[0] = g1::generator();
        return out;
      },
      "The standard generator of G1 as a (1, 2, 6) array.");
}

}  // namespace gpuexec::python
