// Instance, validation routing, device choice and the on-disk pipeline cache.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>

#include "cli_harness.hpp"
#include "gpuexec/error.hpp"
#include "vulkan/buffer.hpp"
#include "vulkan/device.hpp"
#include "vulkan/device_settings.hpp"
#include "vulkan/disk_pipeline_cache.hpp"
#include "vulkan/persistent_backend.hpp"
#include "vulkan_fixture.hpp"

namespace gpuexec::test {
namespace {

namespace fs = std::filesystem;

class VulkanContextTest : public VulkanTest {};

TEST_F(VulkanContextTest, ValidationLayerIsOnAndReportsMisuse) {
  vk::Device context(vk::on_device(-1), {});
  ASSERT_TRUE(context.instance().validation());
  // A deliberate misuse: a zero-sized buffer. The layer must report it, which proves the
  // fixture's zero-message check can fail.
  VkBufferCreateInfo info{.sType = VK_STRUCTURE_TYPE_BUFFER_CREATE_INFO};
  info.size = 0;
  info.usage = VK_BUFFER_USAGE_STORAGE_BUFFER_BIT;
  VkBuffer buffer = VK_NULL_HANDLE;
  vkCreateBuffer(context.logical().device(), &info, nullptr, &buffer);
  if (buffer != VK_NULL_HANDLE) vkDestroyBuffer(context.logical().device(), buffer, nullptr);
  const auto messages = ValidationLog::take();
  ASSERT_FALSE(messages.empty());
  EXPECT_NE(messages[0].find("size"), std::string::npos) << messages[0];
}

TEST_F(VulkanContextTest, DeviceHasWhatTheKernelsNeed) {
  vk::Device context(vk::on_device(-1), {});
  EXPECT_TRUE(context.info().shader_int64);
  EXPECT_TRUE(context.info().usable());
  EXPECT_FALSE(context.info().queue_families.empty());
}

// Uploads and readbacks take a transfer queue each where the transfer family has two (the H100's
// has), so the bus's two directions run at once; one queue serves both where it has one.
TEST_F(VulkanContextTest, ReadbacksHaveTheirOwnQueueWhereTheTransferFamilyHasTwo) {
  vk::Device context(vk::on_device(-1), {});
  const vk::LogicalDevice& device = context.logical();
  uint32_t count = 0;
  for (const vk::QueueFamilyInfo& f : context.info().queue_families) {
    if (device.transfer_family() && f.index == *device.transfer_family()) count = f.count;
  }
  if (count >= 2) {
    EXPECT_NE(device.readback_queue(), device.transfer_queue());
  } else {
    EXPECT_EQ(device.readback_queue(), device.transfer_queue());
  }
  EXPECT_EQ(device.transfer_queue() != VK_NULL_HANDLE, device.transfer_family().has_value());
}

// usable: Vulkan 1.1 or later (the u32 kernels need nothing more).
vk::DeviceInfo fake(uint32_t index, VkPhysicalDeviceType type, bool usable) {
  vk::DeviceInfo d;
  d.index = index;
  d.type = type;
  d.shader_int64 = true;
  d.api_version = usable ? VK_API_VERSION_1_3 : VK_API_VERSION_1_0;
  d.name = "fake";
  return d;
}

TEST(DeviceChoice, DiscreteBeforeIntegratedBeforeVirtualBeforeCpu) {
  using T = VkPhysicalDeviceType;
  std::vector<vk::DeviceInfo> d = {fake(0, T::VK_PHYSICAL_DEVICE_TYPE_CPU, true),
                                   fake(1, T::VK_PHYSICAL_DEVICE_TYPE_VIRTUAL_GPU, true),
                                   fake(2, T::VK_PHYSICAL_DEVICE_TYPE_INTEGRATED_GPU, true),
                                   fake(3, T::VK_PHYSICAL_DEVICE_TYPE_DISCRETE_GPU, true)};
  EXPECT_EQ(vk::default_device_index(d), 3u);
  d[3].api_version = VK_API_VERSION_1_0;  // unusable devices are skipped
  EXPECT_EQ(vk::default_device_index(d), 2u);
  d.resize(2);
  EXPECT_EQ(vk::default_device_index(d), 1u);
  d[0].api_version = d[1].api_version = VK_API_VERSION_1_0;
  EXPECT_THROW(vk::default_device_index(d), Error);
  EXPECT_THROW(vk::default_device_index({}), Error);
  EXPECT_THROW(vk::resolve_device_index(d, 0), Error);  // explicit but unusable
}

// Coalesced IO by rule: add and sub on NVIDIA only (products lost there, CPU drivers lost
// everywhere); GPUEXEC_COALESCED_IO sets both.
TEST(DeviceRules, CoalescedIoForSumsOnNvidia) {
  unsetenv("GPUEXEC_COALESCED_IO");
  vk::DeviceInfo nvidia = fake(0, VK_PHYSICAL_DEVICE_TYPE_DISCRETE_GPU, true);
  nvidia.vendor_id = vk::kNvidiaVendorId;
  const vk::DeviceInfo cpu = fake(1, VK_PHYSICAL_DEVICE_TYPE_CPU, true);
  vk::DeviceSettings s = vk::DeviceSettings::resolve(nvidia, {});
  EXPECT_TRUE(s.coalesced_sums);
  EXPECT_FALSE(s.coalesced_products);
  s = vk::DeviceSettings::resolve(cpu, {});
  EXPECT_FALSE(s.coalesced_sums || s.coalesced_products);
  setenv("GPUEXEC_COALESCED_IO", "1", 1);
  s = vk::DeviceSettings::resolve(cpu, {});
  EXPECT_TRUE(s.coalesced_sums && s.coalesced_products);
  setenv("GPUEXEC_COALESCED_IO", "0", 1);
  s = vk::DeviceSettings::resolve(nvidia, {});
  EXPECT_FALSE(s.coalesced_sums || s.coalesced_products);
  unsetenv("GPUEXEC_COALESCED_IO");
}

class PipelineDiskCache : public VulkanTest {
 protected:
  ScratchDir dir;
  std::vector<Fp> a = std::vector<Fp>(10, fp::kOne);
  std::vector<Fp> out = std::vector<Fp>(10);

  vk::PipelineCacheStats start_and_run() {
    vk::PersistentBackend backend(vk::on_device(-1), dir.path("cache"));
    backend.run(Op::Mul, a, a, out);
    EXPECT_EQ(out[9], fp::kOne);
    return backend.pipeline_stats();
  }
  fs::path cache_file() {
    vk::Device context(vk::on_device(-1), {});
    return vk::pipeline_cache_file(dir.path("cache"), context.info());
  }
};

TEST_F(PipelineDiskCache, SecondStartReusesTheDiskCache) {
  const auto first = start_and_run();
  EXPECT_FALSE(first.disk_loaded);
  ASSERT_TRUE(fs::exists(cache_file())) << first.disk_path;
  const auto second = start_and_run();
  EXPECT_TRUE(second.disk_loaded) << second.disk_note;
  EXPECT_GE(second.disk_bytes, 32u);  // lavapipe keeps only the header; GPU drivers add code
}

TEST_F(PipelineDiskCache, CorruptOrStaleFilesAreIgnored) {
  start_and_run();
  const fs::path file = cache_file();
  const std::string good = read_bytes(file);
  ASSERT_GE(good.size(), 32u);

  std::string stale = good;
  stale[16] ^= 0x5a;  // pipelineCacheUUID byte
  std::string bad_version = good;
  bad_version[4] = 7;
  for (const std::string& blob :
       {std::string("garbage"), std::string(), stale, bad_version, good.substr(0, 20)}) {
    write_bytes(file, blob);
    const auto stats = start_and_run();
    EXPECT_FALSE(stats.disk_loaded);
    EXPECT_FALSE(stats.disk_note.empty());
  }
}

TEST_F(PipelineDiskCache, DefaultDirectoryFollowsXdg) {
  setenv("XDG_CACHE_HOME", "/some/where", 1);
  EXPECT_EQ(vk::default_pipeline_cache_dir(), fs::path("/some/where/gpuexec"));
  unsetenv("XDG_CACHE_HOME");
  const char* home = std::getenv("HOME");
  if (home) {
    EXPECT_EQ(vk::default_pipeline_cache_dir(), fs::path(home) / ".cache" / "gpuexec");
  }
}

}  // namespace
}  // namespace gpuexec::test
