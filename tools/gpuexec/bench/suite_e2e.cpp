// End to end: `gpuexec run` (this binary, as a child process) on generated files, each op, bin
// and hex, cpu and vulkan, beside the I/O floor (`gpuexec io-floor`, a child too) measured in the
// same rounds. Only the CLI is measured, so the figures follow whatever `run` does. Wall time is
// from spawn to reap; peak RSS is wait4's ru_maxrss. Rounds interleave the floor and every
// variant, so machine noise falls on all of them alike; round 0 is an untimed warm-up (page
// cache, pipeline cache). Every output, warm-up included, is checked by a hash of its bytes.
#include <fmt/format.h>
#include <sys/resource.h>

#include <algorithm>
#include <filesystem>
#include <map>
#include <thread>

#include "bench/child_process.hpp"
#include "bench/e2e_files.hpp"
#include "bench/suites.hpp"
#include "bench/timing.hpp"
#include "gpuexec/error.hpp"
#include "vulkan/device_info.hpp"
#include "vulkan/instance.hpp"

namespace gpuexec::cli {

namespace {
constexpr uint64_t kSeed = 0xe2e;

struct Samples {
  std::vector<double> wall_ms, cpu_ms;
  long peak_rss_kb = 0;
  bool verified = true;
};

struct Variant {
  Op op;
  std::string backend;
  std::vector<std::string> args;  // the child's arguments
  uint64_t expected = 0;
  Samples samples;
};

long own_peak_rss_kb() {
  struct rusage u {};
  ::getrusage(RUSAGE_SELF, &u);
  return u.ru_maxrss;
}

std::string shown(const std::vector<std::string>& args) {
  std::string s = "gpuexec";
  for (const std::string& a : args) s += " " + a;
  return s;
}

// Runs one child, checks its output, and (timed) adds its figures to s.
void run_child(const std::vector<std::string>& args, const std::string& out, const std::string& err,
               std::size_t n, E2eFormat format, uint64_t expected, bool timed, Samples& s) {
  std::error_code ec;
  std::filesystem::remove(out, ec);  // every run creates its output: one output's disk space
  const ChildResult r = run_self(args, err);
  if (!r.ok()) {
    throw Error(ErrorCode::Internal,
                fmt::format("bench e2e: `{}` failed: {}", shown(args), r.describe()));
  }
  s.verified = s.verified && file_hash(out, n, format) == expected;
  if (!timed) return;
  s.wall_ms.push_back(r.wall_ms);
  s.cpu_ms.push_back(r.cpu_ms);
  s.peak_rss_kb = std::max(s.peak_rss_kb, r.max_rss_kb);
}

BenchResult row(const std::string& variant, Op op, std::size_t n, const Samples& s) {
  BenchResult r = make_result({"e2e", variant, op}, n, summarize(s.wall_ms), s.verified);
  r.extra["peak_rss_kb"] = s.peak_rss_kb;
  r.extra["cpu_median_ms"] = summarize(s.cpu_ms).median_ms;
  return r;
}

class E2eSuite {
 public:
  explicit E2eSuite(BenchContext& ctx) : ctx_(ctx), o_(ctx.options()) {
    sizes_ = o_.sizes;
    if (sizes_.empty()) {
      sizes_ = o_.quick ? std::vector<std::size_t>{1 << 16}
                        : std::vector<std::size_t>{1 << 20, 1 << 22, 1 << 24};
    }
    // A run of 2^22 takes seconds on a small machine: fewer reps than the in-process suites.
    reps_ = o_.reps_given ? o_.reps : o_.quick ? 1 : 3;
    ops_ =
        o_.op_given ? std::vector<Op>{o_.op} : std::vector<Op>{Op::Add, Op::Sub, Op::Mul, Op::Mad};
  }

  std::vector<BenchResult> run() {
    for (std::size_t n : sizes_) {
      for (E2eFormat f : {E2eFormat::Bin, E2eFormat::Hex}) measure(n, f);
    }
    const long launcher = own_peak_rss_kb();
    for (BenchResult& r : results_) r.extra["launcher_peak_rss_kb"] = launcher;
    note_vulkan_device();
    return std::move(results_);
  }

 private:
  bool needs_c() const { return std::find(ops_.begin(), ops_.end(), Op::Mad) != ops_.end(); }

  void measure(std::size_t n, E2eFormat format) {
    const std::string fmt_name = format_name(format);
    const std::size_t inputs = needs_c() ? 3 : 2;
    const uint64_t bytes = n * element_bytes(format);
    // The inputs and one output (each run's is removed first), a tenth more, 64 MiB to spare.
    const uint64_t need = bytes * (inputs + 1) / 10 * 11 + (uint64_t{64} << 20);
    const uint64_t free = dir_.free_bytes();
    if (free < need) {
      const std::string note =
          fmt::format("e2e: skipped {} elements {}: needs {} MB in {}, {} MB free", n, fmt_name,
                      need >> 20, dir_.path(), free >> 20);
      fmt::print(stderr, "gpuexec: {}\n", note);
      ctx_.note(note);
      return;
    }
    const std::string tag = fmt::format("{}.{}", n, fmt_name);
    const std::string a = dir_.file("a" + tag), b = dir_.file("b" + tag), c = dir_.file("c" + tag),
                      out = dir_.file("out" + tag), err = dir_.file("stderr.txt");
    ctx_.progress("e2e", "write inputs " + fmt_name, n);
    const uint64_t hash_a = write_input_file(a, 0, n, format, kSeed);
    write_input_file(b, 1, n, format, kSeed);
    if (inputs == 3) write_input_file(c, 2, n, format, kSeed);

    std::vector<Variant> variants;
    for (Op op : ops_) {
      const uint64_t expected = expected_output_hash(op, n, format, kSeed);
      for (const char* backend : {"cpu", "vulkan"}) {
        Variant v{op, backend, {"run", "--op", std::string(op_name(op)), "--a", a, "--b", b}};
        if (op == Op::Mad) v.args.insert(v.args.end(), {"--c", c});
        v.args.insert(v.args.end(), {"--out", out, "--format", fmt_name, "--backend", backend});
        if (v.backend == "vulkan" && o_.device >= 0) {
          v.args.insert(v.args.end(), {"--device", std::to_string(o_.device)});
        }
        v.expected = expected;
        variants.push_back(std::move(v));
      }
    }
    const std::vector<std::string> floor2 = {"io-floor", "--in", a, "--in", b, "--out", out};
    std::vector<std::string> floor3 = floor2;
    floor3.insert(floor3.begin() + 5, {"--in", c});
    Samples floors[2];  // 2 inputs, 3 inputs

    for (int round = 0; round <= reps_; ++round) {
      const bool timed = round > 0;
      for (std::size_t k = 0; k + 2 <= inputs; ++k) {
        ctx_.progress("e2e", fmt::format("floor {} inputs {}", k + 2, fmt_name), n);
        run_child(k ? floor3 : floor2, out, err, n, format, hash_a, timed, floors[k]);
      }
      for (Variant& v : variants) {
        ctx_.progress("e2e", fmt::format("{} {} {}", op_name(v.op), v.backend, fmt_name), n);
        run_child(v.args, out, err, n, format, v.expected, timed, v.samples);
      }
    }
    for (const std::string& p : {a, b, c, out, err}) {
      std::error_code ec;
      std::filesystem::remove(p, ec);
    }

    for (std::size_t k = 0; k + 2 <= inputs; ++k) {
      BenchResult r = row("floor-" + fmt_name, k ? Op::Mad : Op::Add, n, floors[k]);
      r.extra["format"] = fmt_name;
      r.extra["inputs"] = k + 2;
      r.extra["bytes_read"] = bytes * (k + 2);
      r.extra["bytes_written"] = bytes;
      results_.push_back(std::move(r));
    }
    for (const Variant& v : variants) {
      const std::size_t k = v.op == Op::Mad ? 1 : 0;
      const Timing f = summarize(floors[k].wall_ms);
      BenchResult r = row(v.backend + "-" + fmt_name, v.op, n, v.samples);
      r.extra["backend"] = v.backend;
      r.extra["format"] = fmt_name;
      r.extra["command"] = fmt::format("gpuexec run --op {} --format {} --backend {}",
                                       op_name(v.op), fmt_name, v.backend);
      r.extra["bytes_read"] = bytes * (k + 2);
      r.extra["bytes_written"] = bytes;
      r.extra["floor_median_ms"] = f.median_ms;
      r.extra["floor_min_ms"] = f.min_ms;
      r.extra["floor_max_ms"] = f.max_ms;
      r.extra["floor_peak_rss_kb"] = floors[k].peak_rss_kb;
      r.extra["ratio_to_floor"] = f.median_ms > 0 ? r.median_ms / f.median_ms : 0.0;
      if (v.backend == "cpu") r.extra["threads"] = std::thread::hardware_concurrency();
      results_.push_back(std::move(r));
    }
  }

  // Opened only after every child ran: the launcher's peak RSS goes into each child's figure.
  void note_vulkan_device() {
    vk::Instance instance(false);
    const auto devices = vk::query_devices(instance.physical_devices());
    ctx_.note_device(devices.at(vk::resolve_device_index(devices, o_.device)));
  }

  BenchContext& ctx_;
  const BenchOptions& o_;
  std::vector<std::size_t> sizes_;
  int reps_ = 3;
  std::vector<Op> ops_;
  E2eDir dir_;
  std::vector<BenchResult> results_;
};
}  // namespace

std::vector<BenchResult> run_e2e_suite(BenchContext& ctx) {
  return E2eSuite(ctx).run();
}

void print_e2e_report(const std::vector<BenchResult>& results) {
  fmt::print(
      "\ne2e: run against the I/O floor of the same files, same rounds (child wall time, "
      "median [min..max] s):\n");
  fmt::print("  {:<4} {:>9} {:<4} {:<7} {:>8} {:>19} {:>8} {:>6} {:>8} {:>8}\n", "op", "elements",
             "fmt", "backend", "median", "[min..max]", "floor", "ratio", "RSS MB", "floor MB");
  for (const BenchResult& r : results) {
    if (!r.extra.contains("backend")) continue;
    fmt::print(
        "  {:<4} {:>9} {:<4} {:<7} {:>8.3f} [{:>8.3f}..{:>8.3f}] {:>8.3f} {:>5.1f}x {:>8.0f} "
        "{:>8.0f}\n",
        op_name(r.op), r.elements, r.extra["format"].get<std::string>(),
        r.extra["backend"].get<std::string>(), r.median_ms / 1e3, r.min_ms / 1e3, r.max_ms / 1e3,
        r.extra["floor_median_ms"].get<double>() / 1e3, r.extra["ratio_to_floor"].get<double>(),
        r.extra["peak_rss_kb"].get<long>() / 1024.0,
        r.extra["floor_peak_rss_kb"].get<long>() / 1024.0);
  }
}

}  // namespace gpuexec::cli
