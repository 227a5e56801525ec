#include "cpu/cpu_backend.hpp"

#include "cpu/host_vector.hpp"
#include "cpu/parallel_for.hpp"

namespace gpuexec::cpu {

namespace {
template <Fp (*F)(const Fp&, const Fp&)>
void run_range(const Fp* a, const Fp* b, Fp* out, std::size_t begin, std::size_t end) {
  for (std::size_t i = begin; i < end; ++i) out[i] = F(a[i], b[i]);
}

void mad_range(const Fp* a, const Fp* b, const Fp* c, Fp* out, std::size_t begin, std::size_t end) {
  for (std::size_t i = begin; i < end; ++i) out[i] = fp::add(fp::mul(a[i], b[i]), c[i]);
}
}  // namespace

void CpuBackend::run_job(const Job& job) {
  const Fp* pa = job.a.data();
  const Fp* pb = job.b.data();
  const Fp* pc = job.c.data();
  Fp* po = job.out.data();
  const Op op = job.op;
  ++jobs_;
  elements_ += job.out.size();
  parallel_for(job.out.size(), [=](std::size_t begin, std::size_t end) {
    switch (op) {
      case Op::Add:
        return run_range<fp::add>(pa, pb, po, begin, end);
      case Op::Sub:
        return run_range<fp::sub>(pa, pb, po, begin, end);
      case Op::Mul:
        return run_range<fp::mul>(pa, pb, po, begin, end);
      case Op::Mad:
        return mad_range(pa, pb, pc, po, begin, end);
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
