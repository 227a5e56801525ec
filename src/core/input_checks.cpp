#include <fmt/format.h>

#include "cpu/field_kernels.hpp"
#include "gpuexec/error.hpp"
#include "gpuexec/executor.hpp"

namespace gpuexec {

namespace {
template <class F>
void check_values(std::span<const F> values, std::string_view name, char modulus) {
  // On all cores: a single-threaded scan cost as much as the CPU backend's add.
  const std::size_t i = cpu::parallel_first_unreduced(values.data(), values.size());
  if (i != values.size()) {
    throw Error(ErrorCode::NonCanonical,
                fmt::format("{}[{}] is not reduced (limbs >= {})", name, i, modulus));
  }
}
}  // namespace

void check_reduced(std::span<const Fp> values, std::string_view name) {
  check_values(values, name, 'p');
}

void check_reduced(std::span<const Fr> values, std::string_view name) {
  check_values(values, name, 'r');
}

}  // namespace gpuexec
