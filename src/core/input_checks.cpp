#include <fmt/format.h>

#include "gpuexec/error.hpp"
#include "gpuexec/executor.hpp"

namespace gpuexec {

void check_reduced(std::span<const Fp> values, std::string_view name) {
  for (std::size_t i = 0; i < values.size(); ++i) {
    if (!fp::is_canonical(values[i].limbs)) {
      throw Error(ErrorCode::NonCanonical,
                  fmt::format("{}[{}] is not reduced (limbs >= p)", name, i));
    }
  }
}

}  // namespace gpuexec
