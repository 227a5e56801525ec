// The one exception type the library throws; its code maps one-to-one onto the C ABI's status.
#pragma once

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

}  // namespace gpuexec
