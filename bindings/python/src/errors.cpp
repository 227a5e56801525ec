// gpuexec::Error as Python exceptions: one class per ErrorCode under gpuexec.Error, each also a
// subclass of the built-in exception Python code would catch for that kind of failure.
#include <array>
#include <string>

#include "bindings.hpp"
#include "gpuexec/error.hpp"

namespace gpuexec::python {

namespace {

// By ErrorCode (1..6); index 0 is the base class. Owned for the life of the process, like
// pybind11's own registered exceptions.
std::array<PyObject*, 7> g_classes{};

PyObject* make_class(py::module_& m, const char* name, py::tuple bases, const char* doc) {
  const std::string qualified = std::string("gpuexec.") + name;
  PyObject* cls = PyErr_NewExceptionWithDoc(qualified.c_str(), doc, bases.ptr(), nullptr);
  if (cls == nullptr) throw py::error_already_set();
  m.add_object(name, py::handle(cls));
  return cls;
}

}  // namespace

void bind_errors(py::module_& m) {
  auto base = [](PyObject* cls) { return py::handle(cls); };
  PyObject* error = make_class(m, "Error", py::make_tuple(base(PyExc_RuntimeError)),
                               "A failure reported by the gpuexec library.");
  auto with = [&](PyObject* builtin) {
    return builtin ? py::make_tuple(base(error), base(builtin)) : py::make_tuple(base(error));
  };
  g_classes[0] = error;
  g_classes[int(ErrorCode::InvalidArgument)] =
      make_class(m, "InvalidArgument", with(PyExc_ValueError),
                 "A bad argument: shape, size mismatch, overlap, NTT length, ...");
  g_classes[int(ErrorCode::NonCanonical)] = make_class(m, "NonCanonical", with(PyExc_ValueError),
                                                       "An element not below its field's modulus.");
  g_classes[int(ErrorCode::NoDevice)] =
      make_class(m, "NoDevice", with(nullptr), "No usable Vulkan device (or no Vulkan loader).");
  g_classes[int(ErrorCode::OutOfMemory)] =
      make_class(m, "OutOfMemory", with(PyExc_MemoryError), "Device memory exhausted.");
  g_classes[int(ErrorCode::DeviceLost)] =
      make_class(m, "DeviceLost", with(nullptr),
                 "The device was lost; the executor reopens it for the next call.");
  g_classes[int(ErrorCode::Internal)] =
      make_class(m, "Internal", with(nullptr), "A bug or an unexpected driver failure.");

  py::register_exception_translator([](std::exception_ptr p) {
    try {
      if (p) std::rethrow_exception(p);
    } catch (const Error& e) {
      const auto code = static_cast<std::size_t>(e.code());
      PyErr_SetString(code < g_classes.size() ? g_classes[code] : g_classes[0], e.what());
    }
  });
}

}  // namespace gpuexec::python
