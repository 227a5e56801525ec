// The CPU backend's jobs on the file encoding: each element is decoded from big-endian bytes,
// checked, combined and encoded again in one pass, on all cores. Add and sub work on the
// canonical values as they are (the same arithmetic mod p as in Montgomery form); a Montgomery
// product of plain values leaves ab/R, which one more product by R^2 takes back to ab.
#include <algorithm>
#include <cstring>
#include <mutex>

#include "backend/rejection_mark.hpp"
#include "cpu/cpu_backend.hpp"
#include "cpu/parallel_for.hpp"
#include "gpuexec/fp_encoding.hpp"

namespace gpuexec::cpu {

namespace {
Fp load_be(const uint8_t* p) {
  Fp r;
  for (std::size_t k = 0; k < 6; ++k) {
    uint64_t w;
    std::memcpy(&w, p + 8 * (5 - k), 8);
    r.limbs[k] = __builtin_bswap64(w);
  }
  return r;
}

void store_be(const Fp& v, uint8_t* p) {
  for (std::size_t k = 0; k < 6; ++k) {
    const uint64_t w = __builtin_bswap64(v.limbs[k]);
    std::memcpy(p + 8 * (5 - k), &w, 8);
  }
}

constexpr std::size_t kNone = SIZE_MAX;

struct Rejection {
  std::size_t index = kNone;
  std::size_t input = 0;
};

// Runs [begin, end) and stops at the first element with a non-canonical input.
template <Op op>
Rejection run_range(const EncodedJob& job, std::size_t begin, std::size_t end) {
  const uint8_t* a = job.a.data();
  const uint8_t* b = job.b.data();
  const uint8_t* c = job.c.data();
  uint8_t* out = job.out.data();
  for (std::size_t i = begin; i < end; ++i) {
    const std::size_t at = i * kFpBytes;
    const Fp x = load_be(a + at), y = load_be(b + at);
    if (!fp::is_canonical(x.limbs)) return {i, 0};
    if (!fp::is_canonical(y.limbs)) return {i, 1};
    Fp r;
    if constexpr (op == Op::Add) {
      r = fp::add(x, y);
    } else if constexpr (op == Op::Sub) {
      r = fp::sub(x, y);
    } else {
      r = fp::mul(fp::mul(x, y), fp::kR2);
      if constexpr (op == Op::Mad) {
        const Fp z = load_be(c + at);
        if (!fp::is_canonical(z.limbs)) return {i, 2};
        r = fp::add(r, z);
      }
    }
    store_be(r, out + at);
  }
  return {};
}

Rejection run_any(const EncodedJob& job, std::size_t begin, std::size_t end) {
  switch (job.op) {
    case Op::Add:
      return run_range<Op::Add>(job, begin, end);
    case Op::Sub:
      return run_range<Op::Sub>(job, begin, end);
    case Op::Mul:
      return run_range<Op::Mul>(job, begin, end);
    case Op::Mad:
      return run_range<Op::Mad>(job, begin, end);
  }
  return {};
}
}  // namespace

EncodedRun CpuBackend::run_encoded(const EncodedJob& job) {
  const std::size_t n = job.out.size() / kFpBytes;
  ++jobs_;
  elements_ += n;
  // Each range reports its first rejection; the first of those is the job's.
  Rejection first;
  std::mutex m;
  parallel_for(n, [&](std::size_t begin, std::size_t end) {
    const Rejection r = run_any(job, begin, end);
    if (r.index == kNone) return;
    std::lock_guard lock(m);
    if (r.index < first.index) first = r;
  });
  if (first.index != kNone) throw rejected_input(first.input, first.index);
  return EncodedRun::Clean;
}

}  // namespace gpuexec::cpu
