// The element-wise field operations an executor runs.
#pragma once

#include <optional>
#include <string_view>

#include "gpuexec/fp.hpp"
#include "gpuexec/fr.hpp"

namespace gpuexec {

// Add, Sub, Mul: out = a op b. Mad (multiply-add): out = a * b + c.
enum class Op { Add = 0, Sub = 1, Mul = 2, Mad = 3 };

inline constexpr Op kBinaryOps[] = {Op::Add, Op::Sub, Op::Mul};
inline constexpr Op kAllOps[] = {Op::Add, Op::Sub, Op::Mul, Op::Mad};

// How many input vectors op reads (2, or 3 for Mad).
constexpr unsigned op_inputs(Op op) {
  return op == Op::Mad ? 3 : 2;
}

std::string_view op_name(Op op);
std::optional<Op> parse_op(std::string_view name);

// The single-element reference result of op: what every backend is checked against.
// c is read only by Mad.
inline Fp apply(Op op, const Fp& a, const Fp& b, const Fp& c = fp::kZero) {
  switch (op) {
    case Op::Add:
      return fp::add(a, b);
    case Op::Sub:
      return fp::sub(a, b);
    case Op::Mul:
      return fp::mul(a, b);
    case Op::Mad:
      return fp::add(fp::mul(a, b), c);
  }
  return fp::kZero;
}

// The same over Fr.
inline Fr apply(Op op, const Fr& a, const Fr& b, const Fr& c = fr::kZero) {
  switch (op) {
    case Op::Add:
      return fr::add(a, b);
    case Op::Sub:
      return fr::sub(a, b);
    case Op::Mul:
      return fr::mul(a, b);
    case Op::Mad:
      return fr::add(fr::mul(a, b), c);
  }
  return fr::kZero;
}

}  // namespace gpuexec
