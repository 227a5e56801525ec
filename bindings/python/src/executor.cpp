// Executor and DeviceVector: element-wise ops and the NTT over numpy arrays or device vectors.
// Every call that reaches the backend releases the GIL: an Executor may be used from several
// threads at once (docs/API.md, Threading), so Python threads really overlap.
#include <cstring>
#include <memory>
#include <string>

#include "bindings.hpp"
#include "gpuexec/error.hpp"
#include "gpuexec/executor.hpp"

namespace gpuexec::python {

namespace {

using namespace py::literals;

template <class F>
constexpr py::ssize_t kLimbs = sizeof(F) / 8;

BackendKind parse_backend(const std::string& name) {
  if (name == "auto") return BackendKind::Auto;
  if (name == "cpu") return BackendKind::Cpu;
  if (name == "vulkan") return BackendKind::Vulkan;
  throw Error(ErrorCode::InvalidArgument,
              "backend: expected 'auto', 'cpu' or 'vulkan', got '" + name + "'");
}

const char* field_name(FieldId field) {
  return field == FieldId::Fp ? "fp" : "fr";
}

// Inputs are checked as the C ABI checks them: the C++ API would take limbs >= the modulus and
// give wrong results silently.
template <class F>
Limbs reduced_arg(py::handle obj, const char* name) {
  Limbs a = limbs_arg(obj, name, {kLimbs<F>});
  check_reduced(view<F>(a), name);
  return a;
}

// out = a op b (Mad: a * b + c) over host arrays of one field; a new array unless out is given.
template <class F>
py::object host_op(Executor& ex, Op op, py::handle a, py::handle b, py::handle c, py::handle out) {
  const Limbs la = reduced_arg<F>(a, "a"), lb = reduced_arg<F>(b, "b");
  const Limbs lc = op == Op::Mad ? reduced_arg<F>(c, "c") : Limbs();
  Limbs lo = out.is_none() ? new_limbs(la.shape(0), {kLimbs<F>})
                           : out_arg(out, "out", la.shape(0), {kLimbs<F>});
  {
    py::gil_scoped_release unlocked;
    if (op == Op::Mad) {
      ex.mad(view<F>(la), view<F>(lb), view<F>(lc), mutable_view<F>(lo));
    } else {
      ex.run(op, view<F>(la), view<F>(lb), mutable_view<F>(lo));
    }
  }
  return lo;
}

const DeviceVector& device_arg(py::handle obj, const char* name) {
  if (!py::isinstance<DeviceVector>(obj)) {
    throw py::type_error(std::string(name) + ": expected a DeviceVector, as the first input is");
  }
  return obj.cast<const DeviceVector&>();
}

// The same over device vectors: no transfers; a new vector unless out is given.
py::object device_op(Executor& ex, Op op, py::handle a, py::handle b, py::handle c,
                     py::handle out) {
  const DeviceVector& va = device_arg(a, "a");
  const DeviceVector& vb = device_arg(b, "b");
  const DeviceVector* vc = op == Op::Mad ? &device_arg(c, "c") : nullptr;
  DeviceVector vo = out.is_none() ? DeviceVector() : device_arg(out, "out");  // shares storage
  {
    py::gil_scoped_release unlocked;
    if (out.is_none()) vo = ex.allocate(va.size(), va.field());
    if (vc) {
      ex.mad(va, vb, *vc, vo);
    } else {
      ex.run(op, va, vb, vo);
    }
  }
  return out.is_none() ? py::cast(std::move(vo)) : py::reinterpret_borrow<py::object>(out);
}

py::object elementwise(Executor& ex, Op op, py::handle a, py::handle b, py::handle c,
                       py::handle out) {
  if (py::isinstance<DeviceVector>(a)) return device_op(ex, op, a, b, c, out);
  if (field_of(a, "a") == FieldId::Fp) return host_op<Fp>(ex, op, a, b, c, out);
  return host_op<Fr>(ex, op, a, b, c, out);
}

// In place on a device vector; on an array into out (a new array unless given; may be data).
py::object ntt(Executor& ex, py::handle data, bool inverse, py::handle coset, std::size_t batch,
               py::handle out) {
  NttOptions options{.inverse = inverse, .batch = batch};
  if (!coset.is_none()) options.coset = fr_from_int(coset, "coset");
  if (py::isinstance<DeviceVector>(data)) {
    if (!out.is_none()) {
      throw Error(ErrorCode::InvalidArgument, "out: a DeviceVector is transformed in place");
    }
    auto& v = data.cast<DeviceVector&>();
    py::gil_scoped_release unlocked;
    ex.ntt(v, options);
    return py::reinterpret_borrow<py::object>(data);
  }
  const Limbs in = reduced_arg<Fr>(data, "data");
  Limbs lo = out.is_none() ? new_limbs(in.shape(0), {4}) : out_arg(out, "out", in.shape(0), {4});
  {
    py::gil_scoped_release unlocked;
    if (lo.data() != in.data()) std::memmove(lo.mutable_data(), in.data(), in.nbytes());
    ex.ntt(mutable_view<Fr>(lo), options);
  }
  return lo;
}

template <class F>
py::object read(const DeviceVector& v) {
  Limbs out = new_limbs(static_cast<py::ssize_t>(v.size()), {kLimbs<F>});
  py::gil_scoped_release unlocked;
  v.read(mutable_view<F>(out));
  return out;
}

template <class F>
void write(DeviceVector& v, py::handle values) {
  const Limbs a = reduced_arg<F>(values, "values");
  py::gil_scoped_release unlocked;
  v.write(view<F>(a));
}

template <class F>
DeviceVector upload(Executor& ex, py::handle values) {
  const Limbs a = reduced_arg<F>(values, "values");
  py::gil_scoped_release unlocked;
  return ex.upload(view<F>(a));
}

}  // namespace

void bind_executor(py::module_& m) {
  py::class_<DeviceVector>(m, "DeviceVector",
                           "Elements of Fp or Fr where the executor computes (device memory on "
                           "Vulkan). Made by Executor.upload / allocate; used only with that "
                           "executor.")
      .def("__len__", &DeviceVector::size)
      .def_property_readonly(
          "field", [](const DeviceVector& v) { return field_name(v.field()); }, "'fp' or 'fr'")
      .def(
          "read",
          [](const DeviceVector& v) {
            return v.field() == FieldId::Fp ? read<Fp>(v) : read<Fr>(v);
          },
          "A new (n, 6) or (n, 4) uint64 array of the elements.")
      .def(
          "write",
          [](DeviceVector& v, py::handle values) {
            v.field() == FieldId::Fp ? write<Fp>(v, values) : write<Fr>(v, values);
          },
          "values"_a, "Overwrites every element from an array of the vector's field and size.")
      .def("__repr__", [](const DeviceVector& v) {
        return "<gpuexec.DeviceVector " + std::string(field_name(v.field())) +
               " n=" + std::to_string(v.size()) + ">";
      });

  py::class_<Executor>(m, "Executor",
                       "Runs Fp / Fr vector ops, the Fr NTT and G1 MSMs on one backend. Arrays "
                       "are (n, 6) uint64 for Fp, (n, 4) for Fr: Montgomery limbs, little-endian.")
      .def(py::init([](const std::string& backend, int device) {
             ExecutorOptions options;
             options.backend = parse_backend(backend);
             options.device_index = device;
             py::gil_scoped_release unlocked;  // opening a device takes a while
             return std::make_unique<Executor>(options);
           }),
           "backend"_a = "auto", "device"_a = -1,
           "backend: 'auto' (Vulkan if usable, else the CPU), 'cpu' or 'vulkan'; device: a "
           "Vulkan device index, -1 for GPUEXEC_DEVICE or the best one.")
      .def_property_readonly("backend_name", &Executor::backend_name)
      .def("__repr__",
           [](const Executor& ex) { return "<gpuexec.Executor " + ex.backend_name() + ">"; })
      .def("stats", [](const Executor& ex) { return format_stats(ex.stats()); })
      .def(
          "add",
          [](Executor& ex, py::handle a, py::handle b, py::handle out) {
            return elementwise(ex, Op::Add, a, b, py::none(), out);
          },
          "a"_a, "b"_a, py::kw_only(), "out"_a = py::none(),
          "a + b element-wise, over arrays or device vectors of one field.")
      .def(
          "sub",
          [](Executor& ex, py::handle a, py::handle b, py::handle out) {
            return elementwise(ex, Op::Sub, a, b, py::none(), out);
          },
          "a"_a, "b"_a, py::kw_only(), "out"_a = py::none(), "a - b element-wise.")
      .def(
          "mul",
          [](Executor& ex, py::handle a, py::handle b, py::handle out) {
            return elementwise(ex, Op::Mul, a, b, py::none(), out);
          },
          "a"_a, "b"_a, py::kw_only(), "out"_a = py::none(), "a * b element-wise.")
      .def(
          "mad",
          [](Executor& ex, py::handle a, py::handle b, py::handle c, py::handle out) {
            return elementwise(ex, Op::Mad, a, b, c, out);
          },
          "a"_a, "b"_a, "c"_a, py::kw_only(), "out"_a = py::none(), "a * b + c element-wise.")
      .def(
          "upload",
          [](Executor& ex, py::handle values) {
            return field_of(values, "values") == FieldId::Fp ? upload<Fp>(ex, values)
                                                             : upload<Fr>(ex, values);
          },
          "values"_a, "A DeviceVector holding a copy of an (n, 6) Fp or (n, 4) Fr array.")
      .def(
          "allocate",
          [](Executor& ex, std::size_t n, const std::string& field) {
            if (field != "fp" && field != "fr") {
              throw Error(ErrorCode::InvalidArgument,
                          "field: expected 'fp' or 'fr', got '" + field + "'");
            }
            py::gil_scoped_release unlocked;
            return ex.allocate(n, field == "fp" ? FieldId::Fp : FieldId::Fr);
          },
          "n"_a, "field"_a = "fp", "A DeviceVector of n elements, contents unspecified.")
      .def("ntt", &ntt, "data"_a, py::kw_only(), "inverse"_a = false, "coset"_a = py::none(),
           "batch"_a = 1, "out"_a = py::none(),
           "The Fr NTT (natural order): Y[i] = sum_j X[j] (s w^i)^j with s = coset (a Python "
           "int, default 1), or its inverse; batch transforms of n / batch elements. An array "
           "gives a new array (or fills out, which may be data); a DeviceVector is transformed "
           "in place and returned.");
}

}  // namespace gpuexec::python
