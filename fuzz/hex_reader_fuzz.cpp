// libFuzzer: the hex vector reader must accept or reject any bytes with an InputError, never
// crash, and round-trip what it accepts.
#include <cstdint>
#include <string_view>

#include "input_error.hpp"
#include "vector_file.hpp"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  using namespace gpuexec::cli;
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  try {
    const auto values = parse_vector(text, FileFormat::Hex, "fuzz.hex");
    const auto again =
        parse_vector(encode_vector(values, FileFormat::Hex), FileFormat::Hex, "re.hex");
    if (again != values) __builtin_trap();
  } catch (const InputError&) {
  }
  return 0;
}
