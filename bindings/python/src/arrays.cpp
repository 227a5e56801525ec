// Checks that turn a wrong array into a Python exception before anything runs.
#include <string>

#include "bindings.hpp"
#include "gpuexec/error.hpp"

namespace gpuexec::python {

namespace {

std::string shape_text(const Shape& element) {
  std::string s = "(n";
  for (auto d : element) s += ", " + std::to_string(d);
  return s + ")";
}

std::string shape_text(const py::array& a) {
  std::string s = "(";
  for (py::ssize_t i = 0; i < a.ndim(); ++i) s += (i ? ", " : "") + std::to_string(a.shape(i));
  return s + (a.ndim() == 1 ? ",)" : ")");
}

py::array typed(py::handle obj, const char* name) {
  if (!py::isinstance<py::array>(obj)) {
    throw py::type_error(std::string(name) + ": expected a numpy uint64 array, got " +
                         std::string(py::str(obj.get_type().attr("__name__"))));
  }
  auto a = py::reinterpret_borrow<py::array>(obj);
  // Exactly uint64 in native order: a silent cast (int64, float) would change values.
  if (!a.dtype().equal(py::dtype::of<uint64_t>())) {
    throw py::type_error(std::string(name) + ": expected dtype uint64, got " +
                         std::string(py::str(a.dtype())));
  }
  return a;
}

// Type and shape, shared by inputs and outputs.
py::array checked(py::handle obj, const char* name, const Shape& element) {
  py::array a = typed(obj, name);
  bool ok = a.ndim() == static_cast<py::ssize_t>(element.size() + 1);
  for (std::size_t i = 0; ok && i < element.size(); ++i) ok = a.shape(i + 1) == element[i];
  if (!ok) {
    throw Error(ErrorCode::InvalidArgument, std::string(name) + ": expected shape " +
                                                shape_text(element) + ", got " + shape_text(a));
  }
  return a;
}

}  // namespace

Limbs limbs_arg(py::handle obj, const char* name, const Shape& element) {
  return Limbs::ensure(checked(obj, name, element));  // a copy only when strided
}

Limbs out_arg(py::handle obj, const char* name, py::ssize_t n, const Shape& element) {
  py::array a = checked(obj, name, element);
  if (!(a.flags() & py::array::c_style) || !a.writeable()) {
    throw Error(ErrorCode::InvalidArgument,
                std::string(name) + ": must be a C-contiguous, writable array");
  }
  if (a.shape(0) != n) {
    throw Error(ErrorCode::InvalidArgument, std::string(name) + ": has " +
                                                std::to_string(a.shape(0)) +
                                                " elements, expected " + std::to_string(n));
  }
  return py::reinterpret_borrow<Limbs>(a);
}

Limbs new_limbs(py::ssize_t n, const Shape& element) {
  Shape shape{n};
  shape.insert(shape.end(), element.begin(), element.end());
  return Limbs(shape);
}

FieldId field_of(py::handle obj, const char* name) {
  py::array a = typed(obj, name);
  if (a.ndim() == 2 && a.shape(1) == 6) return FieldId::Fp;
  if (a.ndim() == 2 && a.shape(1) == 4) return FieldId::Fr;
  throw Error(
      ErrorCode::InvalidArgument,
      std::string(name) + ": expected shape (n, 6) for Fp or (n, 4) for Fr, got " + shape_text(a));
}

}  // namespace gpuexec::python
