// The NTT's tables on a device: per transform length 2^k, the powers of w_n and w_n^-1 in split
// form (b^e = lo[e mod 2^a] * hi[e >> a], a = ceil(k / 2): 2 sqrt(n) elements reach every power
// with one product) and the butterfly tables of the shared-memory levels. Computed on the host
// and uploaded once per (device, length); the device keeps them until it closes.
#pragma once

#include <cstdint>
#include <map>
#include <memory>
#include <vector>

#include "gpuexec/fr.hpp"
#include "vulkan/buffer.hpp"

namespace gpuexec::vk {

class Device;

// Where a split power table lies in its buffer (offsets in elements).
struct PowerTable {
  uint32_t lo = 0, hi = 0, lo_bits = 0;
};

// Appends the split table of base^e, e < 2^log_n, to out, every hi entry times hi_factor (so
// that lo * hi = hi_factor * base^e: the inverse's n^-1 rides along for free).
PowerTable append_split_powers(std::vector<Fr>& out, const Fr& base, unsigned log_n,
                               const Fr& hi_factor = fr::kOne);

// Butterfly tables hold L[h + p] = w_2h^p for 2h <= min(n, kNttButterflySpan).
inline constexpr std::size_t kNttButterflySpan = 1024;  // the largest NTT_CAP of ntt_stockham
// Direct tables hold D[e] = w_M^e, e < M = 2^min(log n, kNttDirectLog) (2 MiB each): a Stockham
// pass's twiddle w_(Ns R)^(r k) with Ns R <= M is one load there instead of a split power's
// two loads and a product.
inline constexpr unsigned kNttDirectLog = 16;

struct NttTwiddles {
  const Buffer* buffer = nullptr;
  PowerTable roots[2];    // [0]: w_n (forward), [1]: w_n^-1 (inverse)
  uint32_t butterfly[2];  // offsets of the butterfly tables of w and w^-1
  uint32_t direct[2];     // offsets of the direct tables of w_M and w_M^-1
  unsigned direct_log = 0;
};

class NttTwiddleCache {
 public:
  // The tables of length 2^log_n (1 <= log_n <= 32), uploaded on first use. The caller holds
  // the device's lock.
  const NttTwiddles& get(Device& device, unsigned log_n);

 private:
  struct Entry {
    std::unique_ptr<Buffer> buffer;
    NttTwiddles tables;
  };
  std::map<unsigned, Entry> entries_;
};

}  // namespace gpuexec::vk
