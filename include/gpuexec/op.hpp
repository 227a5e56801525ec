// The element-wise field operations an executor runs.
#pragma once

#include <optional>
#include <string_view>

#include "gpuexec/fp.hpp"

namespace gpuexec {

enum class Op { Add = 0, Sub = 1, Mul = 2 };

inline constexpr Op kAllOps[] = {Op::Add, Op::Sub, Op::Mul};

std::string_view op_name(Op op);
std::optional<Op> parse_op(std::string_view name);

// The single-element reference result of op: what every backend is checked against.
inline Fp apply(Op op, const Fp& a, const Fp& b) {
  switch (op) {
    case Op::Add:
      return fp::add(a, b);
    case Op::Sub:
      return fp::sub(a, b);
    case Op::Mul:
      return fp::mul(a, b);
  }
  return fp::kZero;
}

}  // namespace gpuexec
