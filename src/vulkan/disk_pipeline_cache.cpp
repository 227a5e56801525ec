#include "vulkan/disk_pipeline_cache.hpp"

#include <fmt/format.h>
#include <unistd.h>

#include <cstring>
#include <fstream>
#include <iterator>

#include "config/environment.hpp"

namespace gpuexec::vk {

namespace fs = std::filesystem;

fs::path default_pipeline_cache_dir() {
  if (auto xdg = env::xdg_cache_home()) return *xdg / "gpuexec";
  if (auto home = env::home()) return *home / ".cache" / "gpuexec";
  return {};
}

fs::path pipeline_cache_file(const fs::path& dir, const DeviceInfo& device) {
  std::string uuid;
  for (uint8_t b : device.pipeline_cache_uuid) uuid += fmt::format("{:02x}", b);
  return dir /
         fmt::format("pipelines-{:04x}-{:04x}-{}.bin", device.vendor_id, device.device_id, uuid);
}

bool pipeline_cache_header_matches(std::span<const uint8_t> blob, const DeviceInfo& device,
                                   std::string* why) {
  VkPipelineCacheHeaderVersionOne header;
  if (blob.size() < sizeof(header)) {
    *why = fmt::format("too short for a header ({} bytes)", blob.size());
    return false;
  }
  std::memcpy(&header, blob.data(), sizeof(header));
  if (header.headerSize < sizeof(header) || header.headerSize > blob.size()) {
    *why = fmt::format("bad header size {}", header.headerSize);
  } else if (header.headerVersion != VK_PIPELINE_CACHE_HEADER_VERSION_ONE) {
    *why = fmt::format("unknown header version {}", static_cast<int>(header.headerVersion));
  } else if (header.vendorID != device.vendor_id || header.deviceID != device.device_id) {
    *why = "written for another device";
  } else if (std::memcmp(header.pipelineCacheUUID, device.pipeline_cache_uuid.data(),
                         VK_UUID_SIZE)) {
    *why = "written by another driver version (pipelineCacheUUID differs)";
  } else {
    return true;
  }
  return false;
}

std::vector<uint8_t> read_pipeline_cache_file(const fs::path& file, const DeviceInfo& device,
                                              std::string* why) {
  std::ifstream in(file, std::ios::binary);
  if (!in) {
    *why = "no cache file";
    return {};
  }
  std::vector<uint8_t> blob((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  if (in.bad()) {
    *why = "unreadable";
    return {};
  }
  if (!pipeline_cache_header_matches(blob, device, why)) return {};
  return blob;
}

bool write_pipeline_cache_file(const fs::path& file, std::span<const uint8_t> blob) {
  std::error_code ec;
  fs::create_directories(file.parent_path(), ec);
  if (ec) return false;
  const fs::path temp = file.string() + fmt::format(".tmp.{}", ::getpid());
  {
    std::ofstream out(temp, std::ios::binary | std::ios::trunc);
    out.write(reinterpret_cast<const char*>(blob.data()),
              static_cast<std::streamsize>(blob.size()));
    if (!out.flush()) {
      fs::remove(temp, ec);
      return false;
    }
  }
  fs::rename(temp, file, ec);
  if (ec) fs::remove(temp, ec);
  return !ec;
}

}  // namespace gpuexec::vk
