// Every SPIR-V blob, embedded or from a file, passes through here before Vulkan sees it:
// size, alignment, magic and version checks, then SPIRV-Tools validation for the Vulkan target.
#pragma once

#include <cstdint>
#include <span>
#include <string>
#include <vector>

namespace gpuexec::spirv {

inline constexpr uint32_t kMagic = 0x07230203;
// Highest SPIR-V version accepted: 1.6 (Vulkan 1.3).
inline constexpr uint32_t kMaxVersion = 0x00010600;

struct SpirvModule {
  std::string name;
  std::vector<uint32_t> words;
};

// Throws gpuexec::Error (InvalidArgument) naming `name` and what is wrong.
SpirvModule load_spirv(std::span<const uint8_t> bytes, const std::string& name);
SpirvModule load_spirv_file(const std::string& path);

}  // namespace gpuexec::spirv
