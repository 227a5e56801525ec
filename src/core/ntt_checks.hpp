// What an NTT's data and options must satisfy before it runs (the C++ and C APIs share it).
#pragma once

#include <cstddef>
#include <string_view>

#include "gpuexec/ntt.hpp"

namespace gpuexec {

// log2 of each vector's length for `elements` elements in options.batch vectors; throws
// InvalidArgument, prefixed with `what`, when the batch is 0 or does not divide the elements,
// the length is not a power of two or exceeds 2^kMaxNttLogN, or the coset shift is zero or not
// a reduced Montgomery value. No elements at all is a valid, empty transform (returns 0).
unsigned check_ntt(std::size_t elements, const NttOptions& options, std::string_view what);

}  // namespace gpuexec
