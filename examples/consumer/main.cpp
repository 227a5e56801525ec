// Uses the installed C++ API: one mul on the default backend, checked against the reference.
#include <gpuexec/version.h>
#include <gpuexec/executor.hpp>
#include <gpuexec/fp_encoding.hpp>

#include <cstdio>
#include <vector>

int main() {
  std::string why;
  const gpuexec::Fp three = *gpuexec::fp_from_hex("3", &why),
                    five = *gpuexec::fp_from_hex("5", &why);
  std::vector<gpuexec::Fp> a(100, three), b(100, five), out(100);
  gpuexec::Executor ex;
  ex.run(gpuexec::Op::Mul, a, b, out);
  const bool ok = gpuexec::fp_to_hex(out[99]) == "0x" + std::string(94, '0') + "0f";
  std::printf("gpuexec %s on %s: 3 * 5 = %s\n", GPUEXEC_VERSION_STRING, ex.backend_name().c_str(),
              ok ? "15" : "WRONG");
  return ok ? 0 : 1;
}
