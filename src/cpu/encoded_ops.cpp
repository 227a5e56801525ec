// The CPU backend's jobs on the file encoding: each block of elements is decoded from big-endian
// bytes, checked, combined and encoded again while in the caches, on all cores. Add and sub work on
// the canonical values as they are (the same arithmetic mod p as in Montgomery form); a Montgomery
// product of plain values leaves ab/R, which one more product by R^2 takes back to ab.
#include <algorithm>
#include <array>
#include <cstring>
#include <mutex>

#include "backend/rejection_mark.hpp"
#include "cpu/cpu_backend.hpp"
#include "cpu/field_kernels.hpp"
#include "cpu/parallel_for.hpp"
#include "gpuexec/job.hpp"

namespace gpuexec::cpu {

namespace {
template <class Elem>
constexpr std::size_t kLimbs = sizeof(Elem) / 8;

template <class Elem>
Elem load_be(const uint8_t* p) {
  Elem r;
  for (std::size_t k = 0; k < kLimbs<Elem>; ++k) {
    uint64_t w;
    std::memcpy(&w, p + 8 * (kLimbs<Elem> - 1 - k), 8);
    r.limbs[k] = __builtin_bswap64(w);
  }
  return r;
}

template <class Elem>
void store_be(const Elem& v, uint8_t* p) {
  for (std::size_t k = 0; k < kLimbs<Elem>; ++k) {
    const uint64_t w = __builtin_bswap64(v.limbs[k]);
    std::memcpy(p + 8 * (kLimbs<Elem> - 1 - k), &w, 8);
  }
}

constexpr std::size_t kNone = SIZE_MAX;
// Elements per block: each block is decoded, checked, combined and encoded while it is in the
// caches (three 24 KB arrays), through the batch kernels (BMI2/ADX where the CPU has them).
constexpr std::size_t kBlock = 512;

struct Rejection {
  std::size_t index = kNone;
  std::size_t input = 0;
};

// R^2 in every slot: the second factor that takes ab/R back to ab.
template <class Elem>
const std::array<Elem, kBlock>& r2_block() {
  static const std::array<Elem, kBlock> block = [] {
    std::array<Elem, kBlock> b;
    if constexpr (field_of<Elem> == FieldId::Fr) {
      b.fill(fr::kR2);
    } else {
      b.fill(fp::kR2);
    }
    return b;
  }();
  return block;
}

// Runs [begin, end) block by block and stops at the first block with a non-canonical input,
// naming its first such element (and at it, the first input).
template <class Elem>
Rejection run_range(const FieldKernels<Elem>& k, const EncodedJob& job, std::size_t begin,
                    std::size_t end) {
  constexpr std::size_t kBytes = sizeof(Elem);
  const std::size_t inputs = op_inputs(job.op);
  const uint8_t* in[3] = {job.a.data(), job.b.data(), job.c.data()};
  std::array<std::array<Elem, kBlock>, 3> x;
  std::array<Elem, kBlock> r;
  for (std::size_t at = begin; at < end; at += kBlock) {
    const std::size_t m = std::min(kBlock, end - at);
    Rejection first;
    for (std::size_t i = 0; i < inputs; ++i) {
      for (std::size_t e = 0; e < m; ++e) x[i][e] = load_be<Elem>(in[i] + (at + e) * kBytes);
      const std::size_t bad = k.first_unreduced(x[i].data(), m);
      if (bad < m && at + bad < first.index) first = {at + bad, i};
    }
    if (first.index != kNone) return first;
    switch (job.op) {
      case Op::Add:
        k.add(x[0].data(), x[1].data(), r.data(), m);
        break;
      case Op::Sub:
        k.sub(x[0].data(), x[1].data(), r.data(), m);
        break;
      case Op::Mul:
      case Op::Mad:
        k.mul(x[0].data(), x[1].data(), r.data(), m);
        k.mul(r.data(), r2_block<Elem>().data(), r.data(), m);
        if (job.op == Op::Mad) k.add(r.data(), x[2].data(), r.data(), m);
        break;
    }
    for (std::size_t e = 0; e < m; ++e) store_be(r[e], job.out.data() + (at + e) * kBytes);
  }
  return {};
}

// Each range reports its first rejection; the first of those is the job's.
template <class Elem>
void run_all(const FieldKernels<Elem>& k, const EncodedJob& job) {
  const std::size_t n = job.out.size() / sizeof(Elem);
  Rejection first;
  std::mutex m;
  parallel_for(n, [&](std::size_t begin, std::size_t end) {
    const Rejection r = run_range(k, job, begin, end);
    if (r.index == kNone) return;
    std::lock_guard lock(m);
    if (r.index < first.index) first = r;
  });
  if (first.index != kNone) throw rejected_input(first.input, first.index, job.field);
}
}  // namespace

EncodedRun CpuBackend::run_encoded(const EncodedJob& job) {
  ++jobs_;
  elements_ += job.out.size() / field_info(job.field).element_bytes;
  if (job.field == FieldId::Fr) {
    run_all(fr_kernels(), job);
  } else {
    run_all(fp_kernels(), job);
  }
  return EncodedRun::Clean;
}

}  // namespace gpuexec::cpu
