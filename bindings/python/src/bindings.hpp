// What the module's source files share: numpy arrays as spans of the library's element types,
// and the bind_* functions that module.cpp calls.
#pragma once

#include <pybind11/numpy.h>
#include <pybind11/pybind11.h>

#include <bit>
#include <cstdint>
#include <span>
#include <vector>

#include "gpuexec/field_params.hpp"
#include "gpuexec/fr.hpp"

namespace gpuexec::python {

namespace py = pybind11;

// Arrays are handed to the library as they lie in memory: its limbs are little-endian u64.
static_assert(std::endian::native == std::endian::little);

// A C-contiguous uint64 array: the only kind whose memory is a span of elements.
using Limbs = py::array_t<uint64_t, py::array::c_style>;
using Shape = std::vector<py::ssize_t>;  // an element's shape: {6}, {4}, {2, 6}, {3, 6}

// obj as a C-contiguous uint64 array of shape (n, *element), copied only when it is strided.
// TypeError when it is not a uint64 ndarray, InvalidArgument for another shape; name says which
// argument.
Limbs limbs_arg(py::handle obj, const char* name, const Shape& element);
// An out= array, written in place: already C-contiguous, writable, uint64, shape (n, *element).
Limbs out_arg(py::handle obj, const char* name, py::ssize_t n, const Shape& element);
// A new (uninitialized) array of shape (n, *element).
Limbs new_limbs(py::ssize_t n, const Shape& element);
// The field of an element array by its shape: (n, 6) Fp, (n, 4) Fr.
FieldId field_of(py::handle obj, const char* name);

template <class T>
std::span<const T> view(const Limbs& a) {
  return {reinterpret_cast<const T*>(a.data()), static_cast<std::size_t>(a.shape(0))};
}
template <class T>
std::span<T> mutable_view(Limbs& a) {
  return {reinterpret_cast<T*>(a.mutable_data()), static_cast<std::size_t>(a.shape(0))};
}

// A Python int in [0, r) as an Fr element (Montgomery form); NonCanonical otherwise.
Fr fr_from_int(py::handle value, const char* name);

void bind_errors(py::module_& m);
void bind_fields(py::module_& m);
void bind_executor(py::module_& m);  // Executor, DeviceVector: vector ops and the NTT
void bind_msm(py::module_& m);       // MsmBases, Executor.msm, G1 helpers (after bind_executor)

}  // namespace gpuexec::python
