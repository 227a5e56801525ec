// The one exception type the library throws; its code maps one-to-one onto the C ABI's status.
#pragma once

#include <cstddef>
#include <stdexcept>
#include <string>

namespace gpuexec {

enum class ErrorCode {
  InvalidArgument = 1,
  NonCanonical,
  NoDevice,
  OutOfMemory,
  DeviceLost,
  Internal,
};

class Error : public std::runtime_error {
 public:
  Error(ErrorCode code, const std::string& message) : std::runtime_error(message), code_(code) {}
  ErrorCode code() const noexcept { return code_; }

 private:
  ErrorCode code_;
};

// An encoded job's input value that is not below the modulus: which input (0 a, 1 b, 2 c) and
// which element, so that a caller reading files can name the file and position.
class NonCanonicalInput : public Error {
 public:
  NonCanonicalInput(std::size_t input, std::size_t index, const std::string& message)
      : Error(ErrorCode::NonCanonical, message), input_(input), index_(index) {}
  std::size_t input() const noexcept { return input_; }
  std::size_t index() const noexcept { return index_; }

 private:
  std::size_t input_, index_;
};

}  // namespace gpuexec
