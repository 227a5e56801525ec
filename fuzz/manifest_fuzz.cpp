// libFuzzer: the batch manifest parser turns any text into jobs, per-job errors or one
// InputError; nothing else escapes.
#include <cstdint>
#include <string>

#include "input_error.hpp"
#include "manifest.hpp"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  try {
    gpuexec::cli::parse_manifest(std::string(reinterpret_cast<const char*>(data), size),
                                 "fuzz.json");
  } catch (const gpuexec::cli::InputError&) {
  }
  return 0;
}
