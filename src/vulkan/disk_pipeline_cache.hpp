// The VkPipelineCache blob on disk, so a second start skips the driver's shader compiler.
// Lives in $XDG_CACHE_HOME/gpuexec (else ~/.cache/gpuexec), one file per device.
#pragma once

#include <cstdint>
#include <filesystem>
#include <span>
#include <string>
#include <vector>

#include "vulkan/device_info.hpp"

namespace gpuexec::vk {

// Empty when neither XDG_CACHE_HOME nor HOME is set.
std::filesystem::path default_pipeline_cache_dir();

std::filesystem::path pipeline_cache_file(const std::filesystem::path& dir,
                                          const DeviceInfo& device);

// True when blob starts with a VkPipelineCacheHeaderVersionOne for this device; else sets *why.
bool pipeline_cache_header_matches(std::span<const uint8_t> blob, const DeviceInfo& device,
                                   std::string* why);

// The file's blob when it exists and matches the device; empty (with *why) when it is absent,
// unreadable, stale or corrupt. Never throws.
std::vector<uint8_t> read_pipeline_cache_file(const std::filesystem::path& file,
                                              const DeviceInfo& device, std::string* why);

// Writes atomically (temporary + rename), creating the directory; false on any failure.
bool write_pipeline_cache_file(const std::filesystem::path& file, std::span<const uint8_t> blob);

}  // namespace gpuexec::vk
