#include "core/ntt_checks.hpp"

#include <fmt/format.h>

#include <bit>

#include "gpuexec/error.hpp"

namespace gpuexec {

unsigned check_ntt(std::size_t elements, const NttOptions& options, std::string_view what) {
  const auto fail = [&](const std::string& why) {
    throw Error(ErrorCode::InvalidArgument, fmt::format("{}: {}", what, why));
  };
  if (options.batch == 0) fail("the batch count is 0");
  if (!fr::is_canonical(options.coset.limbs)) fail("the coset shift is not a reduced element");
  if (fr::is_zero(options.coset)) fail("the coset shift is 0, which has no inverse");
  if (elements == 0) return 0;
  if (elements % options.batch != 0) {
    fail(fmt::format("{} elements do not split into {} vectors of equal length", elements,
                     options.batch));
  }
  const std::size_t n = elements / options.batch;
  if (!std::has_single_bit(n)) {
    fail(fmt::format("the length {} is not a power of two", n));
  }
  const unsigned log_n = static_cast<unsigned>(std::countr_zero(n));
  if (log_n > kMaxNttLogN) {
    fail(fmt::format("the length 2^{} exceeds 2^{}, the largest power-of-two root of unity of Fr",
                     log_n, kMaxNttLogN));
  }
  return log_n;
}

}  // namespace gpuexec
