#include "cpu/cpu_backend.hpp"

#include "cpu/host_vector.hpp"
#include "cpu/parallel_for.hpp"

namespace gpuexec::cpu {

namespace {
template <Fp (*F)(const Fp&, const Fp&)>
void run_range(const Fp* a, const Fp* b, Fp* out, std::size_t begin, std::size_t end) {
  for (std::size_t i = begin; i < end; ++i) out[i] = F(a[i], b[i]);
}
}  // namespace

void CpuBackend::run(Op op, std::span<const Fp> a, std::span<const Fp> b, std::span<Fp> out) {
  const Fp* pa = a.data();
  const Fp* pb = b.data();
  Fp* po = out.data();
  ++jobs_;
  elements_ += out.size();
  parallel_for(out.size(), [=](std::size_t begin, std::size_t end) {
    switch (op) {
      case Op::Add:
        return run_range<fp::add>(pa, pb, po, begin, end);
      case Op::Sub:
        return run_range<fp::sub>(pa, pb, po, begin, end);
      case Op::Mul:
        return run_range<fp::mul>(pa, pb, po, begin, end);
    }
  });
}

std::shared_ptr<DeviceVector::Storage> CpuBackend::allocate(std::size_t n) {
  return std::make_shared<HostVector>(n, static_cast<const Backend*>(this));
}

void CpuBackend::run_resident(Op op, const DeviceVector::Storage& a, const DeviceVector::Storage& b,
                              DeviceVector::Storage& out) {
  run(op, static_cast<const HostVector&>(a).data(), static_cast<const HostVector&>(b).data(),
      static_cast<HostVector&>(out).data());
}

ExecutorStats CpuBackend::stats() const {
  ExecutorStats s;
  s.backend = name();
  s.jobs = jobs_;
  s.elements = elements_;
  return s;
}

}  // namespace gpuexec::cpu
