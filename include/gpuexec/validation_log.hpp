// Messages from the Khronos validation layers (GPUEXEC_VALIDATION=1), kept for whoever asks:
// the tests fail on any.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

namespace gpuexec {

class ValidationLog {
 public:
  static void record(std::string message);
  static uint64_t count();
  // Returns the messages recorded so far and clears the log.
  static std::vector<std::string> take();
};

// True when GPUEXEC_VALIDATION=1: instances then enable the validation layer with
// synchronization validation. "0", empty or unset: false; any other value throws InvalidArgument.
bool validation_requested();

}  // namespace gpuexec
