#include "vulkan/ntt_twiddles.hpp"

#include <algorithm>

#include "vulkan/device.hpp"
#include "vulkan/resident_ops.hpp"

namespace gpuexec::vk {

PowerTable append_split_powers(std::vector<Fr>& out, const Fr& base, unsigned log_n,
                               const Fr& hi_factor) {
  PowerTable t;
  t.lo_bits = (log_n + 1) / 2;
  t.lo = static_cast<uint32_t>(out.size());
  Fr x = fr::kOne;
  for (std::size_t e = 0; e < (std::size_t{1} << t.lo_bits); ++e, x = fr::mul(x, base)) {
    out.push_back(x);
  }
  // x is now base^(2^lo_bits), the step of the hi table.
  t.hi = static_cast<uint32_t>(out.size());
  Fr y = hi_factor;
  for (std::size_t e = 0; e < (std::size_t{1} << (log_n - t.lo_bits)); ++e, y = fr::mul(y, x)) {
    out.push_back(y);
  }
  return t;
}

const NttTwiddles& NttTwiddleCache::get(Device& device, unsigned log_n) {
  if (auto it = entries_.find(log_n); it != entries_.end()) return it->second.tables;
  std::vector<Fr> host;
  NttTwiddles tables;
  const std::size_t span = std::min(kNttButterflySpan, std::size_t{1} << log_n);
  for (int d = 0; d < 2; ++d) {
    const Fr w = d == 0 ? fr::root_of_unity(log_n) : fr::inverse(fr::root_of_unity(log_n));
    tables.roots[d] = append_split_powers(host, w, log_n);
    tables.butterfly[d] = static_cast<uint32_t>(host.size());
    host.push_back(fr::kOne);  // index 0 is never read
    // w_2h = w_n^(n / 2h): from w_span down, by squaring.
    std::vector<Fr> roots;  // roots[i] = w_(2^(i+1))
    Fr r = w;
    for (unsigned i = log_n; i > 0; --i, r = fr::sqr(r)) {
      if ((std::size_t{1} << i) <= span) roots.push_back(r);
    }
    std::reverse(roots.begin(), roots.end());
    for (std::size_t h = 1, i = 0; 2 * h <= span; h *= 2, ++i) {
      Fr x = fr::kOne;
      for (std::size_t p = 0; p < h; ++p, x = fr::mul(x, roots[i])) host.push_back(x);
    }
    tables.direct_log = std::min(log_n, kNttDirectLog);
    Fr w_m = w;  // w_M = w_n^(n / M)
    for (unsigned i = log_n; i > tables.direct_log; --i) w_m = fr::sqr(w_m);
    tables.direct[d] = static_cast<uint32_t>(host.size());
    Fr x = fr::kOne;
    for (std::size_t e = 0; e < (std::size_t{1} << tables.direct_log); ++e, x = fr::mul(x, w_m)) {
      host.push_back(x);
    }
  }
  const std::size_t bytes = host.size() * sizeof(Fr);
  Entry entry{device.pool().acquire(MemoryUse::DeviceLocal, bytes), tables};
  write_resident(device, *entry.buffer, std::as_bytes(std::span(host)));
  entry.tables.buffer = entry.buffer.get();
  return entries_.emplace(log_n, std::move(entry)).first->second.tables;
}

const NttScales& NttTwiddleCache::scales(Device& device, unsigned log_n, const Fr& coset,
                                         bool inverse) {
  for (ScaleEntry& e : scale_entries_) {
    if (e.log_n == log_n && e.inverse == inverse && e.coset == coset) return e.scales;
  }
  std::vector<Fr> host;
  PowerTable table;
  if (inverse) {
    const Fr n_inv = fr::inverse(fr::from_u64(uint64_t{1} << log_n));
    table = append_split_powers(host, fr::inverse(coset), log_n, n_inv);
  } else {
    table = append_split_powers(host, coset, log_n);
  }
  // Kept only once written: a failed upload leaves no entry.
  auto buffer = device.pool().acquire(MemoryUse::DeviceLocal, host.size() * sizeof(Fr));
  write_resident(device, *buffer, std::as_bytes(std::span(host)));
  if (scale_entries_.size() == kScaleTables) {  // no call is in flight: the caller holds the lock
    device.pool().release(std::move(scale_entries_.front().buffer));
    scale_entries_.pop_front();
  }
  const Buffer* b = buffer.get();
  scale_entries_.push_back(ScaleEntry{log_n, inverse, coset, std::move(buffer), {b, table}});
  return scale_entries_.back().scales;
}

}  // namespace gpuexec::vk
