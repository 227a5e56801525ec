#include "vulkan/runner_settings.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <charconv>
#include <cstdlib>
#include <string_view>

#include "gpuexec/error.hpp"
#include "gpuexec/fp.hpp"

namespace gpuexec::vk {

namespace {
std::size_t env_count(const char* name, std::size_t fallback) {
  const char* raw = std::getenv(name);
  if (!raw) return fallback;
  const std::string_view text(raw);
  std::size_t value = 0;
  auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (text.empty() || ec != std::errc() || end != text.data() + text.size() || value == 0) {
    throw Error(ErrorCode::InvalidArgument,
                fmt::format("{}={}: not a whole number of elements >= 1", name, text));
  }
  return value;
}
}  // namespace

std::size_t max_dispatch_elems(const DeviceInfo& device, uint32_t local_size) {
  const auto& l = device.limits;
  const std::size_t by_binding = l.maxStorageBufferRange / sizeof(Fp);
  const std::size_t by_groups =
      std::size_t{l.maxComputeWorkGroupCount[0]} * l.maxComputeWorkGroupCount[1] * local_size;
  const std::size_t by_index = std::size_t{1} << 31;  // the shaders index with 32-bit uints
  return std::min({by_binding, by_groups, by_index});
}

RunnerSettings RunnerSettings::for_device(const DeviceInfo& device) {
  RunnerSettings s;
  const auto& l = device.limits;
  s.local_size = std::min({kDefaultLocalSize, l.maxComputeWorkGroupSize[0],
                           l.maxComputeWorkGroupInvocations});
  s.chunk_elems = std::min(env_count("GPU_STREAM_CHUNK_ELEMS", kDefaultChunkElems),
                           max_dispatch_elems(device, s.local_size));
  return s;
}

DispatchSize dispatch_size(std::size_t n, uint32_t local_size, const DeviceInfo& device) {
  const std::size_t groups = (n + local_size - 1) / local_size;
  const std::size_t max_x = device.limits.maxComputeWorkGroupCount[0];
  DispatchSize d;
  d.x = static_cast<uint32_t>(std::min(groups, max_x));
  d.y = d.x == 0 ? 0 : static_cast<uint32_t>((groups + d.x - 1) / d.x);
  return d;
}

}  // namespace gpuexec::vk
