#include "gpuexec/op.hpp"

namespace gpuexec {

std::string_view op_name(Op op) {
  switch (op) {
    case Op::Add:
      return "add";
    case Op::Sub:
      return "sub";
    case Op::Mul:
      return "mul";
    case Op::Mad:
      return "mad";
  }
  return "?";
}

std::optional<Op> parse_op(std::string_view name) {
  for (Op op : kAllOps) {
    if (op_name(op) == name) return op;
  }
  return std::nullopt;
}

}  // namespace gpuexec
