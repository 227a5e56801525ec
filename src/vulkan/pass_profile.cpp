#include "vulkan/pass_profile.hpp"

#include <fmt/format.h>

#include <cstdio>
#include <cstring>
#include <utility>

#include "config/environment.hpp"

namespace gpuexec::vk {

PassProfile::PassProfile(const LogicalDevice& ctx, std::string what, uint32_t capacity)
    : ctx_(ctx), what_(std::move(what)), capacity_(capacity) {
  if (!env::profile() || capacity_ < 2) return;
  const std::optional<TimestampScale> scale = timestamp_scale(ctx, ctx.compute_family());
  if (!scale) return;  // this family writes no timestamps: nothing to report
  scale_ = *scale;
  pool_ = create_timestamp_pool(ctx, capacity_);
  host_last_ = std::chrono::steady_clock::now();
}

PassProfile::~PassProfile() {
  if (on()) vkDestroyQueryPool(ctx_.device(), pool_, nullptr);
}

void PassProfile::start(Recording& r) {
  if (!on()) return;
  names_.clear();
  vkCmdResetQueryPool(r.handle(), pool_, 0, capacity_);
  vkCmdWriteTimestamp(r.handle(), VK_PIPELINE_STAGE_ALL_COMMANDS_BIT, pool_, 0);
}

void PassProfile::mark(Recording& r, const char* name) {
  if (!on() || names_.size() + 1 >= capacity_) return;
  names_.push_back(name);
  vkCmdWriteTimestamp(r.handle(), VK_PIPELINE_STAGE_ALL_COMMANDS_BIT, pool_,
                      static_cast<uint32_t>(names_.size()));
}

void PassProfile::host_mark(const char* name) {
  if (!on()) return;
  const auto now = std::chrono::steady_clock::now();
  host_ms_.emplace_back(name, std::chrono::duration<double, std::milli>(now - host_last_).count());
  host_last_ = now;
}

void PassProfile::report() const {
  if (!on() || names_.empty()) return;
  std::vector<uint64_t> ticks(names_.size() + 1);
  check(vkGetQueryPoolResults(ctx_.device(), pool_, 0, static_cast<uint32_t>(ticks.size()),
                              ticks.size() * sizeof(uint64_t), ticks.data(), sizeof(uint64_t),
                              VK_QUERY_RESULT_64_BIT | VK_QUERY_RESULT_WAIT_BIT),
        "vkGetQueryPoolResults");
  // Totals per name, in the order the names first came.
  std::vector<std::pair<const char*, double>> totals;
  double all = 0;
  for (std::size_t i = 0; i < names_.size(); ++i) {
    const double ms = scale_.ms(ticks[i], ticks[i + 1]);
    all += ms;
    auto it = totals.begin();
    while (it != totals.end() && std::strcmp(it->first, names_[i]) != 0) ++it;
    if (it == totals.end()) {
      totals.emplace_back(names_[i], ms);
    } else {
      it->second += ms;
    }
  }
  std::string line = fmt::format("gpuexec profile: {} {:.3f} ms:", what_, all);
  for (const auto& [name, ms] : totals) {
    line += fmt::format(" {} {:.3f} ({:.0f}%)", name, ms, all > 0 ? 100 * ms / all : 0.0);
  }
  if (!host_ms_.empty()) line += "; host ms:";
  for (const auto& [name, ms] : host_ms_) line += fmt::format(" {} {:.3f}", name, ms);
  std::fprintf(stderr, "%s\n", line.c_str());
}

}  // namespace gpuexec::vk
