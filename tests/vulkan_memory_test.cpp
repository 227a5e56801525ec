// The memory layer on a real device: suballocation, the buffer pool's reuse and LRU eviction,
// the bucket cache, and the device memory cap.
#include <gtest/gtest.h>

#include <cstring>

#include "gpuexec/error.hpp"
#include "vulkan/bucket_cache.hpp"
#include "vulkan/buffer_pool.hpp"
#include "vulkan/device.hpp"
#include "vulkan/persistent_backend.hpp"
#include "vulkan/submit_queues.hpp"
#include "vulkan_fixture.hpp"

namespace gpuexec::test {
namespace {

class VulkanMemory : public VulkanTest {
 protected:
  vk::Device context{vk::on_device(-1), {}};
  const vk::LogicalDevice& ctx = context.logical();
};

TEST_F(VulkanMemory, ManyBuffersShareOneBlock) {
  vk::MemoryAllocator allocator(ctx);
  std::vector<std::unique_ptr<vk::Buffer>> buffers;
  for (int i = 0; i < 20; ++i) {
    buffers.push_back(
        std::make_unique<vk::Buffer>(ctx, allocator, 100000, vk::MemoryUse::HostVisible));
    ASSERT_NE(buffers.back()->mapped(), nullptr);
  }
  EXPECT_EQ(allocator.stats().vk_allocations, 1u);
  // Distinct, non-overlapping memory: write a tag into each and read all back.
  for (int i = 0; i < 20; ++i) std::memset(buffers[i]->mapped(), i, 100000);
  for (int i = 0; i < 20; ++i) EXPECT_EQ(static_cast<int>(buffers[i]->mapped()[99999]), i);
  const auto in_use = allocator.stats().bytes_in_use;
  buffers.erase(buffers.begin() + 5, buffers.begin() + 15);
  EXPECT_LT(allocator.stats().bytes_in_use, in_use);
  buffers.clear();
  EXPECT_EQ(allocator.stats().bytes_in_use, 0u);
  EXPECT_EQ(allocator.stats().blocks, 1u);  // the last block of a type is kept for reuse
}

TEST_F(VulkanMemory, FreedRangesCoalesceForALargerBuffer) {
  vk::MemoryAllocator allocator(ctx);
  const VkDeviceSize quarter = vk::MemoryAllocator::kBlockSize / 4;
  std::vector<std::unique_ptr<vk::Buffer>> b;
  for (int i = 0; i < 4; ++i) {
    b.push_back(
        std::make_unique<vk::Buffer>(ctx, allocator, quarter - 4096, vk::MemoryUse::DeviceLocal));
  }
  b[1].reset();
  b[2].reset();
  // Fits only in the two freed quarters merged.
  vk::Buffer big(ctx, allocator, quarter + quarter / 2, vk::MemoryUse::DeviceLocal);
  EXPECT_EQ(allocator.stats().vk_allocations, 1u);
}

TEST_F(VulkanMemory, LargeBuffersGetTheirOwnBlock) {
  vk::MemoryAllocator allocator(ctx);
  {
    vk::Buffer big(ctx, allocator, vk::MemoryAllocator::kBlockSize * 2 + 1,
                   vk::MemoryUse::HostVisible);
    EXPECT_EQ(allocator.stats().blocks, 1u);
  }
  EXPECT_EQ(allocator.stats().blocks, 0u);  // an oversized block goes back at once
}

TEST_F(VulkanMemory, CapGivesAClearOutOfMemoryError) {
  vk::MemoryAllocator allocator(ctx, vk::MemoryAllocator::kBlockSize);
  vk::Buffer first(ctx, allocator, 1000, vk::MemoryUse::HostVisible);
  try {
    vk::Buffer second(ctx, allocator, vk::MemoryAllocator::kBlockSize, vk::MemoryUse::HostVisible);
    FAIL() << "cap not enforced";
  } catch (const Error& e) {
    EXPECT_EQ(e.code(), ErrorCode::OutOfMemory);
    EXPECT_NE(std::string(e.what()).find("GPUEXEC_MAX_DEVICE_MEMORY"), std::string::npos);
  }
  vk::Buffer third(ctx, allocator, 1000, vk::MemoryUse::HostVisible);  // still usable
}

TEST_F(VulkanMemory, PoolReusesAndEvictsLeastRecentlyUsed) {
  vk::MemoryAllocator allocator(ctx);
  vk::BufferPool pool(ctx, allocator, 3 * 4096);  // room for three idle 4 KiB buffers
  auto a = pool.acquire(vk::MemoryUse::HostVisible, 4096);
  const VkBuffer a_handle = a->handle();
  pool.release(std::move(a));
  auto again = pool.acquire(vk::MemoryUse::HostVisible, 4096);
  EXPECT_EQ(again->handle(), a_handle);  // reused
  auto other_use = pool.acquire(vk::MemoryUse::Readback, 4096);
  EXPECT_NE(other_use->handle(), a_handle);
  auto s = pool.stats();
  EXPECT_EQ(s.hits, 1u);
  EXPECT_EQ(s.misses, 2u);
  EXPECT_DOUBLE_EQ(s.hit_rate(), 1.0 / 3.0);

  std::vector<std::unique_ptr<vk::Buffer>> four;
  for (int i = 0; i < 4; ++i) four.push_back(pool.acquire(vk::MemoryUse::DeviceLocal, 4096));
  const VkBuffer oldest = four[0]->handle();
  for (auto& b : four) pool.release(std::move(b));  // the first released is the LRU one
  s = pool.stats();
  EXPECT_EQ(s.evictions, 1u);
  EXPECT_EQ(s.idle_buffers, 3u);
  EXPECT_EQ(s.idle_bytes, 3u * 4096);
  for (int i = 0; i < 3; ++i)
    EXPECT_NE(pool.acquire(vk::MemoryUse::DeviceLocal, 4096)->handle(), oldest);
}

TEST_F(VulkanMemory, PoolFreesIdleBuffersWhenMemoryRunsOut) {
  vk::MemoryAllocator allocator(ctx, 2 * vk::MemoryAllocator::kBlockSize);
  vk::BufferPool pool(ctx, allocator, ~uint64_t{0});
  // A dedicated 2-block allocation whose leftover cannot take the second request.
  const VkDeviceSize big = vk::MemoryAllocator::kBlockSize + vk::MemoryAllocator::kBlockSize / 2;
  pool.release(pool.acquire(vk::MemoryUse::DeviceLocal, big));
  EXPECT_EQ(pool.stats().idle_buffers, 1u);
  // Another size cannot fit beside the idle one under the cap: the pool drops it and retries.
  auto other = pool.acquire(vk::MemoryUse::HostVisible, big - 4096);
  EXPECT_NE(other, nullptr);
  EXPECT_EQ(pool.stats().idle_buffers, 0u);
}

TEST_F(VulkanMemory, BucketSizes) {
  EXPECT_EQ(vk::bucket_elems(1, 524288), vk::kMinBucketElems);
  EXPECT_EQ(vk::bucket_elems(16384, 524288), 16384u);
  EXPECT_EQ(vk::bucket_elems(16385, 524288), 32768u);
  EXPECT_EQ(vk::bucket_elems(300000, 524288), 524288u);
  EXPECT_EQ(vk::bucket_elems(300000, 100000), 100000u);
  EXPECT_EQ(vk::bucket_elems(600, 1000), 1000u);
}

TEST_F(VulkanMemory, BucketCacheBoundsIdleSlotsAndReturnsBuffersToThePool) {
  vk::MemoryAllocator allocator(ctx);
  vk::BufferPool pool(ctx, allocator, ~uint64_t{0});
  vk::SubmitQueues queues(ctx, false);
  vk::BucketCache cache(ctx, pool, queues, 2);
  constexpr VkDeviceSize kSlot = 16384 * sizeof(Fp);
  std::vector<std::unique_ptr<vk::ChunkSlot>> slots;
  for (int i = 0; i < 3; ++i)
    slots.push_back(cache.acquire(DataPath::DeviceLocal, kSlot, 2, 100 * sizeof(Fp)));
  for (auto& s : slots) cache.release(std::move(s));
  auto stats = cache.stats();
  EXPECT_EQ(stats.misses, 3u);
  EXPECT_EQ(stats.evictions, 1u);
  ASSERT_EQ(stats.buckets.size(), 1u);
  EXPECT_EQ(stats.buckets[0].idle_slots, 2u);
  EXPECT_EQ(pool.stats().idle_buffers, 4u);  // the evicted staging slot's four buffers
  auto slot = cache.acquire(DataPath::DeviceLocal, kSlot, 2, 16384 * sizeof(Fp));
  EXPECT_EQ(cache.stats().hits, 1u);
  EXPECT_EQ(cache.stats().exact_size_entries, 1u);
  // A new slot of the same shape takes the pooled buffers.
  auto fresh = cache.acquire(DataPath::DeviceLocal, kSlot, 2, 1 * sizeof(Fp));
  auto fresh2 = cache.acquire(DataPath::DeviceLocal, kSlot, 2, 1 * sizeof(Fp));
  EXPECT_EQ(pool.stats().hits, 4u);
}

}  // namespace
}  // namespace gpuexec::test
