#include "cpu/cpu_backend.hpp"

#include "cpu/field_kernels.hpp"
#include "cpu/host_vector.hpp"
#include "cpu/parallel_for.hpp"

namespace gpuexec::cpu {

void CpuBackend::run_job(const Job& job) {
  const Fp* pa = job.a.data();
  const Fp* pb = job.b.data();
  const Fp* pc = job.c.data();
  Fp* po = job.out.data();
  const Op op = job.op;
  ++jobs_;
  elements_ += job.out.size();
  const FpKernels& k = fp_kernels();  // BMI2/ADX or portable, chosen once per process
  parallel_for(job.out.size(), [=, &k](std::size_t begin, std::size_t end) {
    const std::size_t n = end - begin;
    switch (op) {
      case Op::Add:
        return k.add(pa + begin, pb + begin, po + begin, n);
      case Op::Sub:
        return k.sub(pa + begin, pb + begin, po + begin, n);
      case Op::Mul:
        return k.mul(pa + begin, pb + begin, po + begin, n);
      case Op::Mad:
        return k.mad(pa + begin, pb + begin, pc + begin, po + begin, n);
    }
  });
}

std::shared_ptr<VectorStorage> CpuBackend::allocate(std::size_t n) {
  return std::make_shared<HostVector>(n, this);
}

void CpuBackend::run_resident(Op op, std::span<const VectorStorage* const> inputs,
                              VectorStorage& out) {
  const auto data = [&](std::size_t i) -> std::span<const Fp> {
    return i < inputs.size() ? static_cast<const HostVector*>(inputs[i])->data()
                             : std::span<const Fp>{};
  };
  run_job(Job{op, data(0), data(1), static_cast<HostVector&>(out).data(), data(2)});
}

ExecutorStats CpuBackend::stats() const {
  ExecutorStats s;
  s.backend = name();
  s.jobs = jobs_;
  s.elements = elements_;
  return s;
}

}  // namespace gpuexec::cpu
