// The CPU backend over the sizes of the GPU suites, so every table can set the GPU beside it,
// then the field kernels under it (src/cpu/field_kernels.hpp) on one thread and on all cores:
// every op of Fp and Fr, the big-endian conversions both ways and the canonical-input check.
// Each row carries ns_per_element and the arithmetic in use (adx or portable).
#include <fmt/format.h>

#include <atomic>
#include <cstring>
#include <random>
#include <thread>

#include "bench/suites.hpp"
#include "bench/timing.hpp"
#include "cpu/cpu_backend.hpp"
#include "cpu/field_kernels.hpp"
#include "cpu/parallel_for.hpp"

namespace gpuexec::cli {

namespace {

using cpu::FieldKernels;

std::size_t cores() {
  return std::max(1u, std::thread::hardware_concurrency());
}

// Uniform elements below the modulus by rejection, already in Montgomery form (any value below
// the modulus is some element's Montgomery form).
template <typename F>
std::vector<typename F::Element> random_elements(std::size_t n, uint64_t seed) {
  std::mt19937_64 rng(seed);
  std::vector<typename F::Element> out(n);
  const unsigned top_bits = F::kParams.modulus_bits - 64 * (F::N - 1);
  for (auto& e : out) {
    do {
      for (auto& l : e.limbs) l = rng();
      e.limbs[F::N - 1] &= (uint64_t{1} << top_bits) - 1;
    } while (!F::is_canonical(e.limbs));
  }
  return out;
}

// One field's inputs, output and encodings at one size; references come from the portable
// template, element by element.
template <typename F>
struct FieldData {
  using Elem = typename F::Element;
  std::vector<Elem> a, b, c, out;
  std::vector<uint8_t> bytes;
  FieldData(std::size_t n, uint64_t seed)
      : a(random_elements<F>(n, seed)),
        b(random_elements<F>(n, seed + 1)),
        c(random_elements<F>(n, seed + 2)),
        out(n),
        bytes(n * sizeof(Elem)) {}
};

// Times run (all n elements on one thread, or spread over every core) and verifies the output
// with check after each rep, untimed.
template <typename Run, typename Check, typename Clear>
BenchResult kernel_row(BenchContext& ctx, const std::string& suite, const std::string& variant,
                       const std::string& label, std::size_t n, std::size_t threads, Run run,
                       Check check, Clear clear) {
  const BenchOptions& o = ctx.options();
  ctx.progress(suite, variant + " " + label, n);
  auto timed = [&] {
    if (threads == 1) return run(std::size_t{0}, n);
    cpu::parallel_for(n, run);
  };
  warm_up_for(5, 1, timed);
  clear();
  bool verified = true;
  const Timing t = measure(0, o.reps, timed, [&] {
    verified = verified && check();
    clear();
  });
  BenchResult r = make_result({suite, variant, Op::Add, 1, 0, o.reps}, n, t, verified);
  r.op_label = label;
  r.extra["threads"] = threads;
  r.extra["arith"] = std::string(cpu::cpu_arith_name(cpu::cpu_arith()));
  r.extra["ns_per_element"] = n ? t.median_ms * 1e6 / static_cast<double>(n) : 0.0;
  return r;
}

template <typename F>
void field_rows(BenchContext& ctx, const char* field, const FieldKernels<typename F::Element>& k,
                std::size_t n, std::vector<BenchResult>& results) {
  using Elem = typename F::Element;
  FieldData<F> d(n, 7000 + n);
  const auto clear_out = [&] { std::fill(d.out.begin(), d.out.end(), Elem{}); };
  const auto expect = [&](auto f) {
    return [&d, f] {
      for (std::size_t i = 0; i < d.a.size(); ++i) {
        if (!(d.out[i] == f(i))) return false;
      }
      return true;
    };
  };
  const Elem *a = d.a.data(), *b = d.b.data(), *c = d.c.data();
  Elem* out = d.out.data();
  uint8_t* bytes = d.bytes.data();
  for (std::size_t threads : {std::size_t{1}, cores()}) {
    // Suite cpu.fp / cpu.fr, variant 1t / Nt: the table's ratios are then the all-core speed-up.
    const std::string suite = fmt::format("cpu.{}", field), variant = fmt::format("{}t", threads);
    auto row = [&](const char* label, auto run, auto check, auto clear) {
      results.push_back(kernel_row(ctx, suite, variant, label, n, threads, run, check, clear));
    };
    row(
        "add", [&](std::size_t s, std::size_t e) { k.add(a + s, b + s, out + s, e - s); },
        expect([&](std::size_t i) { return F::add(a[i], b[i]); }), clear_out);
    row(
        "sub", [&](std::size_t s, std::size_t e) { k.sub(a + s, b + s, out + s, e - s); },
        expect([&](std::size_t i) { return F::sub(a[i], b[i]); }), clear_out);
    row(
        "mul", [&](std::size_t s, std::size_t e) { k.mul(a + s, b + s, out + s, e - s); },
        expect([&](std::size_t i) { return F::mul(a[i], b[i]); }), clear_out);
    row(
        "mad", [&](std::size_t s, std::size_t e) { k.mad(a + s, b + s, c + s, out + s, e - s); },
        expect([&](std::size_t i) { return F::add(F::mul(a[i], b[i]), c[i]); }), clear_out);
    // Montgomery -> bytes of a, then bytes -> Montgomery must give a back.
    row(
        "to_be",
        [&](std::size_t s, std::size_t e) {
          k.to_be_bytes(a + s, bytes + s * sizeof(Elem), e - s);
        },
        [&] {
          std::vector<Elem> back(n);
          return k.from_be_bytes(bytes, back.data(), n) == n && back == d.a;
        },
        [&] { std::fill(d.bytes.begin(), d.bytes.end(), uint8_t{0xff}); });
    k.to_be_bytes(a, bytes, n);
    std::atomic<bool> all_good{true};
    row(
        "from_be",
        [&](std::size_t s, std::size_t e) {
          if (k.from_be_bytes(bytes + s * sizeof(Elem), out + s, e - s) != e - s) all_good = false;
        },
        [&] { return all_good.load() && d.out == d.a; }, clear_out);
    std::atomic<bool> none_bad{true};
    row(
        "check",
        [&](std::size_t s, std::size_t e) {
          if (k.first_unreduced(a + s, e - s) != e - s) none_bad = false;
        },
        [&] { return none_bad.load(); }, [] {});
  }
}

}  // namespace

std::vector<BenchResult> run_cpu_suite(BenchContext& ctx) {
  const BenchOptions& o = ctx.options();
  std::vector<std::size_t> sizes = o.sizes;
  if (sizes.empty()) {
    sizes = o.quick
                ? std::vector<std::size_t>{64, 16384, 262144}
                : std::vector<std::size_t>{64, 1024, 4096, 16384, 65536, 262144, 1 << 20, 1 << 22};
  }
  cpu::CpuBackend backend;
  std::vector<BenchResult> results;
  for (std::size_t n : sizes) {
    BenchVectors v(n, 6000 + n);
    for (Op op : kBinaryOps) {
      BenchResult r = measure_variant(ctx, {"cpu", "cpu", op, 1, 1, o.reps}, v,
                                      [&] { backend.run(op, v.a, v.b, v.out); });
      r.extra["threads"] = std::thread::hardware_concurrency();
      results.push_back(std::move(r));
    }
  }
  for (std::size_t n : sizes) {
    field_rows<fp::Field>(ctx, "fp", cpu::fp_kernels(), n, results);
    field_rows<fr::Field>(ctx, "fr", cpu::fr_kernels(), n, results);
  }
  return results;
}

}  // namespace gpuexec::cli
