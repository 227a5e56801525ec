#include <fmt/format.h>

#include "cpu/field_kernels.hpp"
#include "gpuexec/error.hpp"
#include "gpuexec/executor.hpp"

namespace gpuexec {

void check_reduced(std::span<const Fp> values, std::string_view name) {
  // On all cores: a single-threaded scan cost as much as the CPU backend's add.
  const std::size_t i = cpu::parallel_first_unreduced(values.data(), values.size());
  if (i != values.size()) {
    throw Error(ErrorCode::NonCanonical,
                fmt::format("{}[{}] is not reduced (limbs >= p)", name, i));
  }
}

}  // namespace gpuexec
