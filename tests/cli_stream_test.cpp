// The streaming CLI (stream_run): results identical at every chunk size, format and backend;
// errors found in any chunk name the file and position with the output untouched; pipes stream;
// memory stays a few chunks whatever the file size.
#include <gtest/gtest.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <fstream>
#include <thread>

#include "cli_harness.hpp"
#include "gpuexec/fp_encoding.hpp"
#include "gpuexec/op.hpp"
#include "random_vectors.hpp"

namespace gpuexec::test {
namespace {

std::string hex_file(const std::vector<Fp>& v, bool loose) {
  std::string s = loose ? "\xEF\xBB\xBF" : "";
  for (std::size_t i = 0; i < v.size(); ++i) {
    s += fp_to_hex(v[i]) + (loose && i % 3 == 1 ? "\r\n\n  \n" : "\n");
  }
  return s;
}

std::string bin_file(const std::vector<Fp>& v) {
  std::string s(v.size() * kFpBytes, '\0');
  for (std::size_t i = 0; i < v.size(); ++i) {
    fp_to_be_bytes(v[i], std::span<uint8_t, kFpBytes>(
                             reinterpret_cast<uint8_t*>(s.data()) + i * kFpBytes, kFpBytes));
  }
  return s;
}

struct Inputs {
  std::vector<Fp> a, b, c;
  std::string file(const ScratchDir& dir, const std::string& name, const std::vector<Fp>& v,
                   bool bin) const {
    write_bytes(dir.path(name), bin ? bin_file(v) : hex_file(v, true));
    return dir.file(name);
  }
};

std::vector<Fp> expected(Op op, const Inputs& in) {
  std::vector<Fp> out(in.a.size());
  for (std::size_t i = 0; i < out.size(); ++i) {
    out[i] = apply(op, in.a[i], in.b[i], op == Op::Mad ? in.c[i] : fp::kZero);
  }
  return out;
}

std::string chunk_env(int elems) {
  return "GPUEXEC_CLI_CHUNK_ELEMS=" + std::to_string(elems);
}

class CliStream : public ::testing::TestWithParam<std::string> {};

TEST_P(CliStream, EveryChunkSizeFormatAndOpGivesTheSameResult) {
  ScratchDir dir;
  const std::size_t n = 60;  // chunks of 1 (60 of them), of 7 (the last short) and one of all
  const Inputs in{random_vector(n, 1), random_vector(n, 2), random_vector(n, 3)};
  for (bool bin : {false, true}) {
    const std::string ext = bin ? ".bin" : ".hex";
    const std::string a = in.file(dir, "a" + ext, in.a, bin),
                      b = in.file(dir, "b" + ext, in.b, bin),
                      c = in.file(dir, "c" + ext, in.c, bin), out = dir.file("out" + ext);
    for (Op op : kAllOps) {
      const std::vector<Fp> want = expected(op, in);
      for (int chunk : {1, 7, 1000}) {
        std::vector<std::string> args = {
            "run", "--op",     std::string(op_name(op)), "--a",       a,         "--b", b, "--out",
            out,   "--format", bin ? "bin" : "hex",      "--backend", GetParam()};
        if (op == Op::Mad) args.insert(args.end(), {"--c", c});
        const CliResult r = run_cli(args, {chunk_env(chunk), "GPUEXEC_VALIDATION=1"});
        ASSERT_EQ(r.exit_code, 0) << r.err;
        EXPECT_EQ(r.err, "");
        EXPECT_EQ(read_bytes(out), bin ? bin_file(want) : hex_file(want, false))
            << op_name(op) << ext << " chunk " << chunk;
      }
    }
  }
}

INSTANTIATE_TEST_SUITE_P(Backends, CliStream, ::testing::Values("cpu", "vulkan"));

// A run that fails: exit 2, the one line expected, the old output intact, no temporary left.
void expect_fails(const ScratchDir& dir, std::vector<std::string> args, const std::string& line,
                  const std::string& backend) {
  const std::string out = dir.file("out");
  write_bytes(out, "old output\n");
  args.insert(args.end(), {"--out", out, "--backend", backend});
  const CliResult r = run_cli(args, {chunk_env(8)});
  EXPECT_EQ(r.exit_code, 2) << r.err;
  EXPECT_EQ(r.err, "gpuexec: " + line + "\n");
  EXPECT_EQ(read_bytes(out), "old output\n");
  EXPECT_EQ(dir.entries().size(), 7u) << "a temporary was left behind";  // 6 inputs and out
}

TEST(CliStreamErrors, LaterChunksNameTheFileAndPosition) {
  for (const std::string backend : {"cpu", "vulkan"}) {
    ScratchDir dir;
    const std::size_t n = 100;
    Inputs in{random_vector(n, 4), random_vector(n, 5), random_vector(n, 6)};
    const std::string a = in.file(dir, "a.bin", in.a, true), c = in.file(dir, "c.hex", in.c, false);
    // b.bin: element 50 is p itself; a.hex: line 61 holds a bad digit; b.hex is 95 lines long.
    std::string bbin = bin_file(in.b);
    for (std::size_t k = 0; k < kFpBytes; ++k)
      bbin[50 * kFpBytes + k] =
          "\x1a\x01\x11\xea\x39\x7f\xe6\x9a\x4b\x1b\xa7\xb6\x43\x4b\xac\xd7\x64\x77\x4b\x84\xf3\x85"
          "\x12\xbf\x67\x30\xd2\xa0\xf6\xb0\xf6\x24\x1e\xab\xff\xfe\xb1\x53\xff\xff\xb9\xfe\xff\xff"
          "\xff\xff\xaa\xab"[k];
    write_bytes(dir.path("b.bin"), bbin);
    std::string ahex;
    for (std::size_t i = 0; i < n; ++i) ahex += (i == 60 ? "0x12g4" : fp_to_hex(in.a[i])) + "\n";
    write_bytes(dir.path("a.hex"), ahex);
    write_bytes(dir.path("b.hex"),
                hex_file(std::vector<Fp>(in.b.begin(), in.b.begin() + 95), false));
    std::string chex = hex_file(in.c, false);
    chex.replace(chex.find(fp_to_hex(in.c[70])), 2 + kFpHexDigits, "0x" + std::string(96, 'f'));
    write_bytes(dir.path("cbad.hex"), chex);

    expect_fails(
        dir, {"run", "--op", "add", "--a", a, "--b", dir.file("b.bin"), "--format", "bin"},
        dir.file("b.bin") + ": element 50: value is not below the field modulus p (non-canonical)",
        backend);
    expect_fails(dir, {"run", "--op", "mul", "--a", dir.file("a.hex"), "--b", c},
                 dir.file("a.hex") + ":61: not a hex digit at column 5", backend);
    expect_fails(dir, {"run", "--op", "sub", "--a", c, "--b", dir.file("b.hex")},
                 dir.file("b.hex") + ": element 95: missing: the file holds 95 elements but " + c +
                     " holds 100",
                 backend);
    expect_fails(dir, {"run", "--op", "mad", "--a", c, "--b", c, "--c", dir.file("b.hex")},
                 dir.file("b.hex") + ": element 95: missing: the file holds 95 elements but " + c +
                     " holds 100",
                 backend);
    // The first bad position wins: line 71 of c comes before b's missing element 95.
    expect_fails(
        dir,
        {"run", "--op", "mad", "--a", dir.file("b.hex"), "--b", dir.file("b.hex"), "--c",
         dir.file("cbad.hex")},
        dir.file("cbad.hex") + ":71: value is not below the field modulus p (non-canonical)",
        backend);
  }
}

// Inputs from named pipes stream as they come, through run and through batch (whose waves take
// regular files only).
TEST(CliStreamPipes, RunAndBatchReadFifos) {
  ScratchDir dir;
  const std::size_t n = 3000;
  const Inputs in{random_vector(n, 7), random_vector(n, 8), {}};
  const std::string a = dir.file("a.fifo"), b = in.file(dir, "b.hex", in.b, false);
  ASSERT_EQ(::mkfifo(a.c_str(), 0600), 0);
  const std::string want = hex_file(expected(Op::Mul, in), false);
  const auto feed = [&] {
    std::ofstream f(a, std::ios::binary);
    f << hex_file(in.a, true);
  };
  {
    std::jthread writer(feed);
    const CliResult r = run_cli({"run", "--op", "mul", "--a", a, "--b", b, "--out",
                                 dir.file("out.hex"), "--backend", "cpu"},
                                {chunk_env(500)});
    ASSERT_EQ(r.exit_code, 0) << r.err;
  }
  EXPECT_EQ(read_bytes(dir.path("out.hex")), want);
  write_bytes(dir.path("m.json"), "[{\"op\": \"mul\", \"a\": \"" + a + "\", \"b\": \"" + b +
                                      "\", \"out\": \"" + dir.file("batch.hex") + "\"}]");
  {
    std::jthread writer(feed);
    const CliResult r =
        run_cli({"batch", dir.file("m.json"), "--backend", "cpu"}, {chunk_env(500)});
    ASSERT_EQ(r.exit_code, 0) << r.err;
  }
  EXPECT_EQ(read_bytes(dir.path("batch.hex")), want);
}

// Peak memory of a run on 3 x 24 MB files in 4096-element chunks: a few chunks, not the files
// (whole-file reading held at least four vectors of 24 MB). Measured in a forked child so that
// only this run's peak counts.
TEST(CliStreamMemory, PeakStaysAFewChunks) {
#if defined(__SANITIZE_ADDRESS__) || defined(__SANITIZE_THREAD__)
  GTEST_SKIP() << "a sanitizer's shadow memory and quarantine are not the program's";
#endif
  ScratchDir dir;
  const std::size_t n = std::size_t{1} << 19;
  const auto inputs = [&] { return Inputs{random_vector(n, 9), random_vector(n, 10), {}}; };
  std::string a, b;
  {  // freed before the fork: the shell forked from this process starts with its pages
    const Inputs in = inputs();
    a = in.file(dir, "a.bin", in.a, true);
    b = in.file(dir, "b.bin", in.b, true);
  }
  int fds[2];
  ASSERT_EQ(::pipe(fds), 0);
  const pid_t pid = ::fork();
  ASSERT_GE(pid, 0);
  if (pid == 0) {
    const CliResult r = run_cli({"run", "--op", "add", "--a", a, "--b", b, "--out",
                                 dir.file("out.bin"), "--format", "bin", "--backend", "cpu"},
                                {chunk_env(4096)});
    struct rusage ru {};
    ::getrusage(RUSAGE_CHILDREN, &ru);
    const long report[2] = {r.exit_code, ru.ru_maxrss};
    (void)!::write(fds[1], report, sizeof report);
    ::_exit(0);
  }
  long report[2] = {-1, 0};
  ASSERT_EQ(::read(fds[0], report, sizeof report), static_cast<ssize_t>(sizeof report));
  ::waitpid(pid, nullptr, 0);
  ::close(fds[0]);
  ::close(fds[1]);
  EXPECT_EQ(report[0], 0);
  EXPECT_LT(report[1], 40 * 1024) << "peak RSS in KiB";
  EXPECT_EQ(read_bytes(dir.path("out.bin")), bin_file(expected(Op::Add, inputs())));
}

}  // namespace
}  // namespace gpuexec::test
