// libFuzzer: the bin vector reader accepts or rejects any bytes cleanly and round-trips.
#include <cstdint>
#include <string_view>

#include "input_error.hpp"
#include "vector_file.hpp"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  using namespace gpuexec::cli;
  const std::string_view bytes(reinterpret_cast<const char*>(data), size);
  try {
    const auto values = parse_vector(bytes, FileFormat::Bin, "fuzz.bin");
    if (encode_vector(values, FileFormat::Bin) != bytes) __builtin_trap();
  } catch (const InputError&) {
  }
  return 0;
}
