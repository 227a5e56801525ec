// gpuexec._gpuexec: the compiled half of the `gpuexec` package (bindings/python/gpuexec).
#include "bindings.hpp"
#include "gpuexec/version.h"

PYBIND11_MODULE(_gpuexec, m) {
  namespace gp = gpuexec::python;
  m.doc() = "BLS12-381 Fp / Fr vector ops, the Fr NTT and G1 MSMs on Vulkan devices or the CPU";
  m.attr("__version__") = GPUEXEC_VERSION_STRING;
  gp::bind_errors(m);
  gp::bind_fields(m);
  gp::bind_executor(m);
  gp::bind_msm(m);  // adds to Executor
}
