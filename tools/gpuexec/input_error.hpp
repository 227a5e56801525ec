// Bad user input: the CLI prints the one-line message and exits with status 2.
#pragma once

#include <stdexcept>
#include <string>

namespace gpuexec::cli {

class InputError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

inline constexpr int kExitBadInput = 2;

}  // namespace gpuexec::cli
