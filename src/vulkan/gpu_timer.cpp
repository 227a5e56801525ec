#include "vulkan/gpu_timer.hpp"

#include <fmt/format.h>

#include "gpuexec/error.hpp"

namespace gpuexec::vk {

std::optional<TimestampScale> timestamp_scale(const LogicalDevice& ctx, uint32_t queue_family) {
  uint32_t bits = 0;
  for (const QueueFamilyInfo& f : ctx.info().queue_families) {
    if (f.index == queue_family) bits = f.timestamp_valid_bits;
  }
  if (bits == 0) return std::nullopt;
  TimestampScale scale;
  if (bits < 64) scale.mask = (uint64_t{1} << bits) - 1;
  scale.ns_per_tick = ctx.info().limits.timestampPeriod;
  return scale;
}

VkQueryPool create_timestamp_pool(const LogicalDevice& ctx, uint32_t count) {
  VkQueryPoolCreateInfo info{.sType = VK_STRUCTURE_TYPE_QUERY_POOL_CREATE_INFO};
  info.queryType = VK_QUERY_TYPE_TIMESTAMP;
  info.queryCount = count;
  VkQueryPool pool = VK_NULL_HANDLE;
  check(vkCreateQueryPool(ctx.device(), &info, nullptr, &pool), "vkCreateQueryPool");
  return pool;
}

GpuTimer::GpuTimer(const LogicalDevice& ctx, uint32_t queue_family) : ctx_(ctx) {
  const std::optional<TimestampScale> scale = timestamp_scale(ctx, queue_family);
  if (!scale) {
    throw Error(ErrorCode::NoDevice, fmt::format("queue family {} of {} writes no timestamps",
                                                 queue_family, ctx.info().name));
  }
  scale_ = *scale;
  pool_ = create_timestamp_pool(ctx, 2);
}

GpuTimer::~GpuTimer() {
  vkDestroyQueryPool(ctx_.device(), pool_, nullptr);
}

void GpuTimer::start(VkCommandBuffer cmd) const {
  vkCmdResetQueryPool(cmd, pool_, 0, 2);
  vkCmdWriteTimestamp(cmd, VK_PIPELINE_STAGE_TOP_OF_PIPE_BIT, pool_, 0);
}

void GpuTimer::stop(VkCommandBuffer cmd) const {
  vkCmdWriteTimestamp(cmd, VK_PIPELINE_STAGE_BOTTOM_OF_PIPE_BIT, pool_, 1);
}

double GpuTimer::elapsed_ms() const {
  uint64_t ticks[2] = {0, 0};
  check(vkGetQueryPoolResults(ctx_.device(), pool_, 0, 2, sizeof(ticks), ticks, sizeof(uint64_t),
                              VK_QUERY_RESULT_64_BIT | VK_QUERY_RESULT_WAIT_BIT),
        "vkGetQueryPoolResults");
  return scale_.ms(ticks[0], ticks[1]);
}

}  // namespace gpuexec::vk
