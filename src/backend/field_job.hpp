// A job as the backends see it: any field, its arrays as bytes. The executor checks a typed job
// (BasicJob<Fp> or BasicJob<Fr>) and hands its FieldJob down, so every backend serves both
// fields through one path.
#pragma once

#include <array>
#include <cstddef>
#include <span>

#include "gpuexec/job.hpp"

namespace gpuexec {

struct FieldJob {
  FieldId field = FieldId::Fp;
  Op op = Op::Add;
  std::array<const std::byte*, 3> in{};  // a, b, c (Mad only)
  std::byte* out = nullptr;
  std::size_t n = 0;  // elements

  template <class F>
  static FieldJob of(const BasicJob<F>& j) {
    const auto bytes = [](auto s) { return reinterpret_cast<const std::byte*>(s.data()); };
    return {field_of<F>,
            j.op,
            {bytes(j.a), bytes(j.b), bytes(j.c)},
            reinterpret_cast<std::byte*>(j.out.data()),
            j.out.size()};
  }

  std::size_t element_bytes() const { return field_info(field).element_bytes; }
  std::size_t bytes() const { return n * element_bytes(); }
  unsigned inputs() const { return op_inputs(op); }
  bool empty() const { return n == 0; }
  // Elements [begin, begin + count).
  FieldJob slice(std::size_t begin, std::size_t count) const {
    FieldJob s = *this;
    const std::size_t offset = begin * element_bytes();
    for (unsigned i = 0; i < inputs(); ++i) s.in[i] += offset;
    s.out += offset;
    s.n = count;
    return s;
  }
  // The arrays typed as F (the caller knows the field).
  template <class F>
  const F* input(unsigned i) const {
    return reinterpret_cast<const F*>(in[i]);
  }
  template <class F>
  F* output() const {
    return reinterpret_cast<F*>(out);
  }
};

}  // namespace gpuexec
