// libFuzzer: the SPIR-V loader rejects any malformed blob with gpuexec::Error and never crashes.
#include <cstdint>
#include <cstring>
#include <vector>

#include "gpuexec/error.hpp"
#include "spirv/spirv_loader.hpp"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::vector<uint32_t> aligned((size + 3) / 4);
  if (size) std::memcpy(aligned.data(), data, size);
  try {
    gpuexec::spirv::load_spirv({reinterpret_cast<const uint8_t*>(aligned.data()), size},
                               "fuzz.spv");
  } catch (const gpuexec::Error&) {
  }
  return 0;
}
