// Decimation in time: bit-reversal permutation, then log n stages of butterflies. Stage m (the
// half-length of its groups) multiplies the odd half of each group by w_2m^k, k < m; those
// twiddles lie contiguously in a table (stage m at offset m - 1), so a run of butterflies is three
// batch calls (mul, then sub and add). Stages whose groups fit in a cache-sized block run block
// by block; the larger ones run as one parallel pass each. The coset shift and the 1/n of the
// inverse are one scaling pass before (forward) or after (inverse).
#include "cpu/ntt.hpp"

#include <algorithm>
#include <array>
#include <bit>
#include <memory>
#include <mutex>
#include <vector>

#include "cpu/field_kernels.hpp"
#include "cpu/parallel_for.hpp"

namespace gpuexec::cpu {

namespace {
// Groups of up to 2^13 elements (256 KiB) stay in a core's cache for all their stages.
constexpr unsigned kLogBlock = 13;
// Twiddles of stages up to this half-length are kept between calls (2 x 32 MiB at most); the
// larger stages compute theirs as they go.
constexpr unsigned kLogTableStage = 19;
// Butterflies per batch call: bounds the scratch of each run.
constexpr std::size_t kRun = 1024;

// Runs body(i) for i in [0, count), each i worth `weight` elements of work, on all cores.
template <class Body>
void for_each_block(std::size_t count, std::size_t weight, Body body) {
  parallel_for(count * weight, [&](std::size_t begin, std::size_t end) {
    for (std::size_t i = (begin + weight - 1) / weight; i * weight < end; ++i) body(i);
  });
}

// w^k for k in [first, first + count) into out.
void powers(const Fr& w, std::size_t first, std::size_t count, Fr* out) {
  Fr x = fr::pow(w, first);
  for (std::size_t k = 0; k < count; ++k) {
    out[k] = x;
    x = fr::mul(x, w);
  }
}

// The twiddle table of every stage with half-length m <= 2^log_max_stage, for one direction.
class TwiddleTable {
 public:
  // The table covering stages up to 2^log_stage (grown on demand, shared between calls).
  static std::shared_ptr<const std::vector<Fr>> get(bool inverse, unsigned log_stage) {
    static std::mutex mutex;
    static std::shared_ptr<const std::vector<Fr>> tables[2];
    std::lock_guard lock(mutex);
    auto& t = tables[inverse];
    if (!t || t->size() < (std::size_t{2} << log_stage) - 1) t = build(inverse, log_stage);
    return t;
  }

 private:
  static std::shared_ptr<const std::vector<Fr>> build(bool inverse, unsigned log_stage) {
    auto table = std::make_shared<std::vector<Fr>>((std::size_t{2} << log_stage) - 1);
    for (unsigned s = 0; s <= log_stage; ++s) {
      const std::size_t m = std::size_t{1} << s;
      Fr w = fr::root_of_unity(s + 1);
      if (inverse) w = fr::inverse(w);
      Fr* stage = table->data() + (m - 1);
      for_each_block((m + kRun - 1) / kRun, kRun, [&](std::size_t r) {
        const std::size_t first = r * kRun;
        powers(w, first, std::min(kRun, m - first), stage + first);
      });
    }
    return table;
  }
};

// The bits of each byte reversed.
constexpr std::array<uint8_t, 256> kReversedBytes = [] {
  std::array<uint8_t, 256> t{};
  for (unsigned i = 0; i < 256; ++i) {
    for (unsigned b = 0; b < 8; ++b) t[i] |= ((i >> b) & 1) << (7 - b);
  }
  return t;
}();

uint64_t reverse_bits(uint64_t x) {
  uint64_t r = 0;
  for (int b = 0; b < 8; ++b, x >>= 8) r = (r << 8) | kReversedBytes[x & 0xff];
  return r;
}

void bit_reverse(Fr* x, unsigned log_n) {
  if (log_n == 0) return;
  const std::size_t n = std::size_t{1} << log_n;
  parallel_for(n, [&](std::size_t begin, std::size_t end) {
    for (std::size_t i = begin; i < end; ++i) {
      const std::size_t j = reverse_bits(i) >> (64 - log_n);
      if (i < j) std::swap(x[i], x[j]);
    }
  });
}

// Butterflies k in [k0, k0 + count) of the group at x (2m elements) with twiddles tw[0..count).
void butterflies(const FrKernels& f, Fr* x, std::size_t m, std::size_t k0, std::size_t count,
                 const Fr* tw, Fr* scratch) {
  Fr* lo = x + k0;
  Fr* hi = x + m + k0;
  f.mul(hi, tw, scratch, count);
  f.sub(lo, scratch, hi, count);
  f.add(lo, scratch, lo, count);
}

// Stages m = 1 .. 2^(log_last) on one block of 2^(log_last + 1) elements, table twiddles.
void small_stages(const FrKernels& f, Fr* block, unsigned log_last, const Fr* table) {
  Fr scratch[kRun];
  const std::size_t size = std::size_t{2} << log_last;
  for (std::size_t m = 1; m <= (std::size_t{1} << log_last); m <<= 1) {
    for (std::size_t g = 0; g < size; g += 2 * m) {
      for (std::size_t k = 0; k < m; k += kRun) {
        const std::size_t count = std::min(kRun, m - k);
        butterflies(f, block + g, m, k, count, table + (m - 1) + k, scratch);
      }
    }
  }
}

// One stage of half-length m = 2^log_m over the whole vector, on all cores.
void large_stage(const FrKernels& f, Fr* x, unsigned log_n, unsigned log_m, const Fr* table,
                 const Fr& w) {
  const std::size_t m = std::size_t{1} << log_m;
  const std::size_t runs_per_group = (m + kRun - 1) / kRun;
  const std::size_t groups = std::size_t{1} << (log_n - log_m - 1);
  for_each_block(groups * runs_per_group, 2 * kRun, [&](std::size_t r) {
    Fr scratch[kRun];
    const std::size_t g = r / runs_per_group, k = (r % runs_per_group) * kRun;
    const std::size_t count = std::min(kRun, m - k);
    if (table) return butterflies(f, x + 2 * m * g, m, k, count, table + (m - 1) + k, scratch);
    std::vector<Fr> tw(count);
    powers(w, k, count, tw.data());
    butterflies(f, x + 2 * m * g, m, k, count, tw.data(), scratch);
  });
}

// x[j] *= c * s^j for j < n.
void scale_by_powers(const FrKernels& f, Fr* x, std::size_t n, const Fr& c, const Fr& s) {
  for_each_block((n + kRun - 1) / kRun, kRun, [&](std::size_t r) {
    const std::size_t first = r * kRun, count = std::min(kRun, n - first);
    Fr factors[kRun];
    Fr p = fr::mul(c, fr::pow(s, first));
    for (std::size_t j = 0; j < count; ++j) {
      factors[j] = p;
      p = fr::mul(p, s);
    }
    f.mul(x + first, factors, x + first, count);
  });
}

void transform(const FrKernels& f, Fr* x, unsigned log_n, const NttOptions& o) {
  const std::size_t n = std::size_t{1} << log_n;
  const bool shifted = o.coset != fr::kOne;
  if (!o.inverse && shifted) scale_by_powers(f, x, n, fr::kOne, o.coset);
  bit_reverse(x, log_n);
  if (log_n > 0) {
    const unsigned log_top = log_n - 1;  // the last stage's half-length
    const auto table = TwiddleTable::get(o.inverse, std::min(log_top, kLogTableStage));
    const unsigned log_small = std::min(log_top, kLogBlock - 1);
    const std::size_t block = std::size_t{2} << log_small;
    for_each_block(n / block, block, [&](std::size_t b) {
      small_stages(f, x + b * block, log_small, table->data());
    });
    for (unsigned s = log_small + 1; s <= log_top; ++s) {
      Fr w = fr::root_of_unity(s + 1);
      if (o.inverse) w = fr::inverse(w);
      large_stage(f, x, log_n, s, s <= kLogTableStage ? table->data() : nullptr, w);
    }
  }
  if (o.inverse) {
    const Fr n_inv = fr::inverse(fr::from_u64(n));
    scale_by_powers(f, x, n, n_inv, shifted ? fr::inverse(o.coset) : fr::kOne);
  }
}
}  // namespace

void ntt(std::span<Fr> data, unsigned log_n, const NttOptions& options) {
  const FrKernels& f = fr_kernels();
  const std::size_t n = std::size_t{1} << log_n;
  const std::size_t vectors = data.size() / n;
  const auto one = [&](std::size_t v) { transform(f, data.data() + v * n, log_n, options); };
  if (n < kParallelThreshold) {
    for_each_block(vectors, n, one);  // small vectors: one core each
  } else {
    for (std::size_t v = 0; v < vectors; ++v) one(v);  // large ones: all cores each
  }
}

}  // namespace gpuexec::cpu
