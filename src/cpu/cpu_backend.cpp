#include "cpu/cpu_backend.hpp"

#include "cpu/field_kernels.hpp"
#include "cpu/host_vector.hpp"
#include "cpu/msm.hpp"
#include "cpu/ntt.hpp"
#include "cpu/parallel_for.hpp"

namespace gpuexec::cpu {

namespace {
template <class Elem>
void run_elementwise(const FieldKernels<Elem>& k, const FieldJob& job) {
  const Elem* pa = job.input<Elem>(0);
  const Elem* pb = job.input<Elem>(1);
  const Elem* pc = job.input<Elem>(2);
  Elem* po = job.output<Elem>();
  const Op op = job.op;
  parallel_for(job.n, [=, &k](std::size_t begin, std::size_t end) {
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
}  // namespace

void CpuBackend::run_job(const FieldJob& job) {
  ++jobs_;
  elements_ += job.n;
  // BMI2/ADX or portable, chosen once per process
  if (job.field == FieldId::Fr) return run_elementwise(fr_kernels(), job);
  run_elementwise(fp_kernels(), job);
}

std::shared_ptr<VectorStorage> CpuBackend::allocate(std::size_t n, FieldId field) {
  return std::make_shared<HostVector>(n, field, this);
}

void CpuBackend::run_resident(Op op, std::span<const VectorStorage* const> inputs,
                              VectorStorage& out) {
  FieldJob job{out.field(), op, {}, static_cast<HostVector&>(out).data(), out.size()};
  for (std::size_t i = 0; i < inputs.size(); ++i) {
    job.in[i] = static_cast<const HostVector*>(inputs[i])->data();
  }
  run_job(job);
}

void CpuBackend::ntt(std::span<Fr> data, unsigned log_n, const NttOptions& options) {
  cpu::ntt(data, log_n, options);
  ++jobs_;
  elements_ += data.size();
}

void CpuBackend::ntt_resident(VectorStorage& data, unsigned log_n, const NttOptions& options) {
  ntt({reinterpret_cast<Fr*>(static_cast<HostVector&>(data).data()), data.size()}, log_n, options);
}

// The CPU's Pippenger sums its windows on all cores from the bases alone (no copies).
std::shared_ptr<BasesStorage> CpuBackend::upload_bases(std::span<const G1Affine> points,
                                                       unsigned /*precompute*/) {
  return std::make_shared<HostBases>(this, points);
}

void CpuBackend::msm(const BasesStorage& bases, std::span<const Scalar> scalars,
                     std::span<G1Jacobian> results) {
  cpu::msm_batch(static_cast<const HostBases&>(bases).points, scalars, results);
  ++jobs_;
  elements_ += scalars.size();
}

ExecutorStats CpuBackend::stats() const {
  ExecutorStats s;
  s.backend = name();
  s.jobs = jobs_;
  s.elements = elements_;
  return s;
}

}  // namespace gpuexec::cpu
