// CPU Pippenger: signed digits, one task per (MSM, window, point range), window sums by the
// fastest Fp arithmetic this CPU has (msm_buckets.hpp), then the windows combined by doubling.
#include "cpu/msm.hpp"

#include <algorithm>
#include <atomic>
#include <bit>
#include <cmath>
#include <exception>
#include <functional>
#include <stdexcept>
#include <thread>
#include <vector>

#include "cpu/copy_pool.hpp"
#include "cpu/field_kernels.hpp"
#include "cpu/msm_buckets.hpp"

namespace gpuexec::cpu {
namespace {

using msm_detail::WindowSumFn;
using Ref = curve::G1Formulas<fp::Field>;

constexpr unsigned kMaxWindowBits = 20;  // digits fit int32; 2^19 buckets is 100 MB already

WindowSumFn window_sum_fn() {
  static const WindowSumFn fn = [] {
    if (cpu_arith() == CpuArith::Adx) {
      if (const WindowSumFn adx = msm_detail::adx_window_sum()) return adx;
    }
    return &msm_detail::window_sum<fp::Field>;
  }();
  return fn;
}

}  // namespace

const XyzzOps& fast_xyzz() {
  static const XyzzOps ops = [] {
    if (cpu_arith() == CpuArith::Adx) {
      if (const XyzzOps adx = msm_detail::adx_xyzz_ops(); adx.add) return adx;
    }
    return msm_detail::xyzz_ops<fp::Field>();
  }();
  return ops;
}

namespace {

unsigned hardware_threads() {
  static const unsigned n = std::max(1u, std::thread::hardware_concurrency());
  return n;
}

// task(0) .. task(count - 1) on `threads` threads (0: the compute pool), the caller included.
template <typename Task>
void run_tasks(std::size_t count, unsigned threads, const Task& task) {
  if (threads == 1 || count <= 1) {
    for (std::size_t i = 0; i < count; ++i) task(i);
    return;
  }
  if (threads == 0) {
    const std::function<void(std::size_t)> fn = [&task](std::size_t i) { task(i); };
    if (CopyPool::compute().try_run(count, fn)) return;
    threads = hardware_threads();  // the pool has no workers: threads of our own, if any
  }
  std::atomic<std::size_t> next{0};
  const auto work = [&] {
    for (std::size_t i; (i = next.fetch_add(1, std::memory_order_relaxed)) < count;) task(i);
  };
  std::vector<std::jthread> helpers;
  const std::size_t workers = std::min<std::size_t>(threads, count);
  helpers.reserve(workers - 1);
  for (std::size_t w = 1; w < workers; ++w) helpers.emplace_back(work);
  work();
}

// The highest set bit + 1 over all scalars (0 when every scalar is 0).
unsigned scalar_bits(std::span<const Scalar> scalars) {
  std::array<uint64_t, 4> any{};
  for (const Scalar& s : scalars) {
    const auto l = scalar_limbs(s);
    for (std::size_t i = 0; i < 4; ++i) any[i] |= l[i];
  }
  for (std::size_t i = 4; i-- > 0;) {
    if (any[i]) return static_cast<unsigned>(64 * i + std::bit_width(any[i]));
  }
  return 0;
}

// c bits of x from bit `at` (zero past bit 255).
uint32_t window_bits_at(const std::array<uint64_t, 4>& x, unsigned at, unsigned c) {
  const unsigned word = at / 64, shift = at % 64;
  if (word >= 4) return 0;
  uint64_t v = x[word] >> shift;
  if (shift + c > 64 && word + 1 < 4) v |= x[word + 1] << (64 - shift);
  return static_cast<uint32_t>(v & ((uint64_t{1} << c) - 1));
}

// Signed digits in [-2^(c-1), 2^(c-1)], window-major (digits[w * n + i]): a window above half
// its range becomes negative and carries one into the next, so buckets hold only 2^(c-1)
// magnitudes. With windows = bits / c + 1 the top window has at most c - 1 bits and absorbs
// the last carry.
void signed_digits(std::span<const Scalar> scalars, unsigned c, unsigned windows, int32_t* digits,
                   std::size_t stride, unsigned threads) {
  const std::size_t n = scalars.size();
  constexpr std::size_t kBlock = 4096;
  const int32_t half = int32_t{1} << (c - 1), full = int32_t{1} << c;
  run_tasks((n + kBlock - 1) / kBlock, threads, [&](std::size_t block) {
    const std::size_t end = std::min(n, (block + 1) * kBlock);
    for (std::size_t i = block * kBlock; i < end; ++i) {
      const auto limbs = scalar_limbs(scalars[i]);
      int32_t carry = 0;
      for (unsigned w = 0; w < windows; ++w) {
        int32_t d = static_cast<int32_t>(window_bits_at(limbs, w * c, c)) + carry;
        carry = d > half;
        if (carry) d -= full;
        digits[w * stride + i] = d;
      }
    }
  });
}

}  // namespace

std::vector<int32_t> msm_signed_digits(std::span<const Scalar> scalars, unsigned c,
                                       unsigned windows) {
  if (c < 1 || c > kMaxWindowBits) throw std::invalid_argument("msm: window bits not in 1..20");
  if (std::size_t{windows} * c <= 256) {  // no room for a 256-bit scalar's last carry
    throw std::invalid_argument("msm_signed_digits: windows * c must exceed 256");
  }
  std::vector<int32_t> digits(std::size_t{windows} * scalars.size());
  signed_digits(scalars, c, windows, digits.data(), scalars.size(), 1);
  return digits;
}

// Cost of a window: n mixed additions into buckets plus ~2^c general additions (2 per bucket,
// each ~1.4 mixed ones) to reduce them; 255 / c + 1 windows.
unsigned msm_window_bits(std::size_t n) {
  unsigned best = 1;
  double best_cost = 0;
  for (unsigned c = 1; c <= 16; ++c) {
    const double cost = (255 / c + 1) * (static_cast<double>(n) + 1.4 * std::ldexp(1.0, c));
    if (c == 1 || cost < best_cost) best = c, best_cost = cost;
  }
  return best;
}

void msm_batch(std::span<const G1Affine> points, std::span<const Scalar> scalars,
               std::span<G1Jacobian> out, const MsmOptions& options) {
  const std::size_t n = points.size(), batch = out.size();
  if (scalars.size() != n * batch) {
    throw std::invalid_argument("msm: scalars.size() must be points.size() * number of MSMs");
  }
  if (options.window_bits > kMaxWindowBits) {
    throw std::invalid_argument("msm: window_bits above 20");
  }
  const unsigned bits = scalar_bits(scalars);
  if (n == 0 || bits == 0) {
    std::fill(out.begin(), out.end(), g1::kInfinity);
    return;
  }
  const unsigned c = options.window_bits ? options.window_bits : msm_window_bits(n);
  const unsigned windows = bits / c + 1;
  const std::size_t buckets = std::size_t{1} << (c - 1);

  const std::size_t digits_per_msm = std::size_t{windows} * n;
  std::vector<int32_t> digits(digits_per_msm * batch);
  for (std::size_t j = 0; j < batch; ++j) {
    signed_digits(scalars.subspan(j * n, n), c, windows, digits.data() + j * digits_per_msm, n,
                  options.threads);
  }

  // Point ranges: enough tasks for every thread, but none so short that reducing its own
  // buckets outweighs the additions it saves.
  const unsigned threads = options.threads ? options.threads : hardware_threads();
  std::size_t chunks = options.point_chunks;
  if (chunks == 0) {
    const std::size_t tasks = std::size_t{windows} * batch;
    chunks = (2 * std::size_t{threads} + tasks - 1) / tasks;
    chunks = std::clamp<std::size_t>(chunks, 1, std::max<std::size_t>(1, n / (4 * buckets)));
  }
  chunks = std::min(chunks, n);
  const std::size_t chunk_len = (n + chunks - 1) / chunks;

  const WindowSumFn window_sum = window_sum_fn();
  std::vector<G1Xyzz> partial(batch * windows * chunks);
  // Pool workers must not throw: a task keeps the first failure (no memory for its buckets)
  // and the caller rethrows it once every task is done.
  std::exception_ptr failure;
  std::atomic_flag failed;
  run_tasks(partial.size(), options.threads, [&](std::size_t t) {
    const std::size_t k = t % chunks, w = (t / chunks) % windows, j = t / (chunks * windows);
    const std::size_t begin = std::min(n, k * chunk_len), end = std::min(n, begin + chunk_len);
    try {
      std::vector<G1Xyzz> scratch(buckets);
      const int32_t* d = digits.data() + j * digits_per_msm + w * n;
      partial[t] =
          window_sum(points.data() + begin, d + begin, end - begin, scratch.data(), buckets);
    } catch (...) {
      if (!failed.test_and_set()) failure = std::current_exception();
    }
  });
  if (failure) std::rethrow_exception(failure);

  // sum_w 2^(c w) S_w, top window first (Horner): bits + c doublings per MSM.
  for (std::size_t j = 0; j < batch; ++j) {
    G1Jacobian acc = g1::kInfinity;
    for (std::size_t w = windows; w-- > 0;) {
      for (unsigned i = 0; i < c && !g1::is_infinity(acc); ++i) acc = Ref::dbl(acc);
      G1Xyzz window{};
      for (std::size_t k = 0; k < chunks; ++k) {
        window = Ref::add(window, partial[(j * windows + w) * chunks + k]);
      }
      acc = Ref::add(acc, Ref::to_jacobian(window));
    }
    out[j] = acc;
  }
}

void msm(std::span<const G1Affine> points, std::span<const Scalar> scalars, G1Jacobian& out,
         const MsmOptions& options) {
  msm_batch(points, scalars, std::span<G1Jacobian>(&out, 1), options);
}

}  // namespace gpuexec::cpu
