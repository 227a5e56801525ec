// Montgomery conversions of whole arrays, and the canonical-value check. Python ints are turned
// into plain limbs in the package (gpuexec/_ints.py); these do the arithmetic, in C++.
#include <cstring>
#include <string>

#include "bindings.hpp"
#include "gpuexec/error.hpp"
#include "gpuexec/executor.hpp"
#include "gpuexec/fp.hpp"

namespace gpuexec::python {

namespace {

template <class F>
constexpr py::ssize_t kLimbs = sizeof(F) / 8;

// Plain limbs (each value < modulus, else NonCanonical naming it) -> Montgomery form.
template <class F, class Field, char kModulus>
Limbs to_montgomery(py::handle plain, const std::string& name) {
  const Limbs in = limbs_arg(plain, name.c_str(), {kLimbs<F>});
  const auto src = view<F>(in);  // plain values, in the element's layout
  for (std::size_t i = 0; i < src.size(); ++i) {
    if (!Field::is_canonical(src[i].limbs)) {
      throw Error(ErrorCode::NonCanonical,
                  name + "[" + std::to_string(i) + "] is not below " + kModulus);
    }
  }
  Limbs out = new_limbs(in.shape(0), {kLimbs<F>});
  const auto dst = mutable_view<F>(out);
  py::gil_scoped_release unlocked;
  for (std::size_t i = 0; i < src.size(); ++i) dst[i] = Field::to_montgomery(src[i].limbs);
  return out;
}

// Montgomery form (checked reduced, as every input of an op is) -> plain limbs.
template <class F, class Field>
Limbs from_montgomery(py::handle mont, const std::string& name) {
  const Limbs in = limbs_arg(mont, name.c_str(), {kLimbs<F>});
  const auto src = view<F>(in);
  check_reduced(src, name);
  Limbs out = new_limbs(in.shape(0), {kLimbs<F>});
  const auto dst = mutable_view<F>(out);
  py::gil_scoped_release unlocked;
  for (std::size_t i = 0; i < src.size(); ++i) dst[i].limbs = Field::from_montgomery(src[i]);
  return out;
}

template <std::size_t N>
py::tuple limbs_tuple(const std::array<uint64_t, N>& limbs) {
  py::tuple t(N);
  for (std::size_t i = 0; i < N; ++i) t[i] = limbs[i];
  return t;
}

}  // namespace

Fr fr_from_int(py::handle value, const char* name) {
  if (!PyLong_Check(value.ptr())) {
    throw py::type_error(std::string(name) + ": expected an int");
  }
  // to_bytes refuses negative and oversized values: both are out of range here.
  std::string bytes;
  try {
    bytes = value.attr("to_bytes")(32, "little").cast<std::string>();
  } catch (const py::error_already_set&) {
    throw Error(ErrorCode::NonCanonical, std::string(name) + " is not in [0, r)");
  }
  fr::Limbs x{};
  std::memcpy(x.data(), bytes.data(), sizeof(x));
  if (!fr::is_canonical(x)) {
    throw Error(ErrorCode::NonCanonical, std::string(name) + " is not in [0, r)");
  }
  return fr::to_montgomery(x);
}

void bind_fields(py::module_& m) {
  using namespace py::literals;
  m.def("fp_to_montgomery", &to_montgomery<Fp, fp::Field, 'p'>, "plain"_a, "name"_a = "values",
        "(n, 6) plain little-endian limbs, each value < p -> (n, 6) Montgomery limbs.");
  m.def("fr_to_montgomery", &to_montgomery<Fr, fr::Field, 'r'>, "plain"_a, "name"_a = "values",
        "(n, 4) plain little-endian limbs, each value < r -> (n, 4) Montgomery limbs.");
  m.def("fp_from_montgomery", &from_montgomery<Fp, fp::Field>, "mont"_a, "name"_a = "values",
        "(n, 6) Montgomery limbs -> (n, 6) plain limbs.");
  m.def("fr_from_montgomery", &from_montgomery<Fr, fr::Field>, "mont"_a, "name"_a = "values",
        "(n, 4) Montgomery limbs -> (n, 4) plain limbs: also the layout of MSM scalars.");
  m.def(
      "check_reduced",
      [](py::handle values, const std::string& name) {
        if (field_of(values, name.c_str()) == FieldId::Fp) {
          check_reduced(view<Fp>(limbs_arg(values, name.c_str(), {6})), name);
        } else {
          check_reduced(view<Fr>(limbs_arg(values, name.c_str(), {4})), name);
        }
      },
      "values"_a, "name"_a = "values",
      "Raises NonCanonical naming the first element of an (n, 6) Fp or (n, 4) Fr array whose "
      "Montgomery limbs are not below the modulus.");
  m.attr("_FP_MODULUS") = limbs_tuple(fp::kModulus);
  m.attr("_FR_MODULUS") = limbs_tuple(fr::kModulus);
}

}  // namespace gpuexec::python
