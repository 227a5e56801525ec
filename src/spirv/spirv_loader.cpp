#include "spirv/spirv_loader.hpp"

#include <fmt/format.h>

#include <cstring>
#include <fstream>
#include <iterator>
#include <spirv-tools/libspirv.hpp>

#include "gpuexec/error.hpp"

namespace gpuexec::spirv {

namespace {
[[noreturn]] void reject(const std::string& name, const std::string& why) {
  throw Error(ErrorCode::InvalidArgument, fmt::format("SPIR-V {}: {}", name, why));
}
}  // namespace

SpirvModule load_spirv(std::span<const uint8_t> bytes, const std::string& name) {
  constexpr std::size_t kHeaderWords = 5;
  if (bytes.size() < kHeaderWords * 4) {
    reject(name, fmt::format("too short: {} bytes, a header alone is 20", bytes.size()));
  }
  if (bytes.size() % 4 != 0)
    reject(name, fmt::format("size {} is not a multiple of 4", bytes.size()));
  if (reinterpret_cast<std::uintptr_t>(bytes.data()) % alignof(uint32_t) != 0) {
    reject(name, "blob is not 4-byte aligned");
  }
  SpirvModule module{name, std::vector<uint32_t>(bytes.size() / 4)};
  std::memcpy(module.words.data(), bytes.data(), bytes.size());
  if (module.words[0] != kMagic) {
    reject(name,
           fmt::format("bad magic number 0x{:08x} (expected 0x{:08x})", module.words[0], kMagic));
  }
  const uint32_t version = module.words[1];
  if ((version & 0xff0000ffu) != 0 || version > kMaxVersion || version < 0x00010000) {
    reject(name, fmt::format("unsupported SPIR-V version 0x{:08x}", version));
  }

  spvtools::SpirvTools tools(SPV_ENV_VULKAN_1_3);
  std::string diagnostics;
  tools.SetMessageConsumer(
      [&](spv_message_level_t, const char*, const spv_position_t& pos, const char* message) {
        if (diagnostics.empty()) diagnostics = fmt::format("word {}: {}", pos.index, message);
      });
  if (!tools.Validate(module.words)) {
    reject(name, "fails validation: " + (diagnostics.empty() ? "unknown error" : diagnostics));
  }
  return module;
}

SpirvModule load_spirv_file(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) reject(path, fmt::format("cannot open: {}", std::strerror(errno)));
  std::vector<char> raw((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  // A vector<uint32_t> gives the bytes a 4-byte aligned home.
  std::vector<uint32_t> aligned((raw.size() + 3) / 4);
  std::memcpy(aligned.data(), raw.data(), raw.size());
  return load_spirv(std::span(reinterpret_cast<const uint8_t*>(aligned.data()), raw.size()), path);
}

}  // namespace gpuexec::spirv
