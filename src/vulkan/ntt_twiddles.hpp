// The NTT's tables on a device: per transform length 2^k, the powers of w_n and w_n^-1 in split
// form (b^e = lo[e mod 2^a] * hi[e >> a], a = ceil(k / 2): 2 sqrt(n) elements reach every power
// with one product) and the butterfly tables of the shared-memory levels. Computed on the host
// and uploaded once per (device, length); the device keeps them until it closes. Beside them the
// calls' scale tables (a coset's powers, the inverse's n^-1 s^-j), the last few kept.
#pragma once

#include <cstdint>
#include <deque>
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

// A call's scale table in split form: s^j (the forward's loads) or n^-1 s^-j (the inverse's
// stores), j < n.
struct NttScales {
  const Buffer* buffer = nullptr;
  PowerTable table;
};

class NttTwiddleCache {
 public:
  // The tables of length 2^log_n (1 <= log_n <= 32), uploaded on first use. The caller holds
  // the device's lock.
  const NttTwiddles& get(Device& device, unsigned log_n);
  // The scale table of a transform of 2^log_n on the coset s, uploaded on first use; the
  // kScaleTables most recent are kept (a prover's cosets repeat call after call). The reference
  // lasts until the next call of scales(); the caller holds the device's lock.
  const NttScales& scales(Device& device, unsigned log_n, const Fr& coset, bool inverse);
  static constexpr std::size_t kScaleTables = 8;

 private:
  struct Entry {
    std::unique_ptr<Buffer> buffer;
    NttTwiddles tables;
  };
  std::map<unsigned, Entry> entries_;
  struct ScaleEntry {
    unsigned log_n;
    bool inverse;
    Fr coset;
    std::unique_ptr<Buffer> buffer;
    NttScales scales;
  };
  std::deque<ScaleEntry> scale_entries_;  // the most recent last
};

}  // namespace gpuexec::vk
