// Hardening round 2 (issue 16), inputs and options: a read error is never taken for the end of a
// file, sizes out of range are usage errors stating the range, empty file names are refused
// before any work, and messages say what the file looks like (binary, hex, a byte order mark).
#include <fcntl.h>
#include <gtest/gtest.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <thread>

#include "cli_harness.hpp"
#include "input_error.hpp"
#include "read_file.hpp"

namespace gpuexec::test {
namespace {

using cli::InputError;

// A scripted read(2): `chunk` bytes per call from `source`; after `fail_after` bytes, the
// `then` result (0 for end of file, -1 with `err`); every other call EINTR when asked.
struct FakeRead {
  std::string source;
  std::size_t pos = 0, chunk = 100, fail_after = std::string::npos;
  ssize_t then = 0;
  int err = 0;
  bool interrupt = false, interrupted = false;
};
FakeRead g_fake;

ssize_t fake_read(int, void* buf, std::size_t count) {
  if (g_fake.interrupt && (g_fake.interrupted = !g_fake.interrupted)) {
    errno = EINTR;
    return -1;
  }
  if (g_fake.pos >= g_fake.fail_after) {
    errno = g_fake.err;
    return g_fake.then;
  }
  std::size_t n = std::min({count, g_fake.chunk, g_fake.source.size() - g_fake.pos});
  n = std::min(n, g_fake.fail_after - g_fake.pos);
  std::memcpy(buf, g_fake.source.data() + g_fake.pos, n);
  g_fake.pos += n;
  return static_cast<ssize_t>(n);
}

// read_fd on a real 1000-byte file (fstat gives the size) whose reads are scripted.
std::string read_scripted(const ScratchDir& dir, FakeRead script) {
  write_bytes(dir.path("f"), std::string(1000, 'x'));
  g_fake = std::move(script);
  const int fd = ::open(dir.file("f").c_str(), O_RDONLY);
  EXPECT_GE(fd, 0);
  try {
    std::string s = cli::read_fd(fd, "f.hex", fake_read);
    ::close(fd);
    return s;
  } catch (...) {
    ::close(fd);
    throw;
  }
}

std::string error_of(const ScratchDir& dir, FakeRead script) {
  try {
    read_scripted(dir, std::move(script));
  } catch (const InputError& e) {
    return e.what();
  }
  return "(no error)";
}

TEST(ReadFd, AnErrorMidwayIsAnErrorNotTheEnd) {
  ScratchDir dir;
  const std::string err =
      error_of(dir, {.source = std::string(1000, 'x'), .fail_after = 300, .then = -1, .err = EIO});
  EXPECT_EQ(err, "f.hex: cannot read: Input/output error");
  EXPECT_EQ(
      error_of(dir, {.source = std::string(1000, 'x'), .fail_after = 0, .then = -1, .err = ENOMEM}),
      "f.hex: cannot read: Cannot allocate memory");
}

TEST(ReadFd, ARegularFileEndingEarlyIsAnError) {
  ScratchDir dir;
  const std::string err = error_of(dir, {.source = std::string(1000, 'x'), .fail_after = 400});
  EXPECT_NE(err.find("f.hex: cannot read: the file ended after 400 of its 1000 bytes"),
            std::string::npos)
      << err;
}

TEST(ReadFd, ARegularFileGrowingWhileReadIsAnError) {
  ScratchDir dir;
  const std::string err = error_of(dir, {.source = std::string(1001, 'x')});
  EXPECT_NE(err.find("grew while being read"), std::string::npos) << err;
}

TEST(ReadFd, InterruptedReadsAreRetried) {
  ScratchDir dir;
  std::string data(1000, '\0');
  for (std::size_t i = 0; i < data.size(); ++i) data[i] = static_cast<char>(i * 7);
  EXPECT_EQ(read_scripted(dir, {.source = data, .interrupt = true}), data);
}

// A pipe has no size: read_fd grows its buffer until the writer closes, well past 64 KiB.
TEST(ReadFd, APipeIsReadToItsEnd) {
  int fds[2];
  ASSERT_EQ(::pipe(fds), 0);
  std::string data(300'000, 'a');
  for (std::size_t i = 0; i < data.size(); ++i) data[i] = static_cast<char>('a' + i % 26);
  std::thread writer([&] {
    for (std::size_t off = 0; off < data.size();) {
      const ssize_t n =
          ::write(fds[1], data.data() + off, std::min<std::size_t>(7000, data.size() - off));
      if (n <= 0) break;
      off += static_cast<std::size_t>(n);
    }
    ::close(fds[1]);
  });
  const std::string got = cli::read_fd(fds[0], "pipe");
  writer.join();
  ::close(fds[0]);
  EXPECT_EQ(got, data);
}

CliResult run_add(const ScratchDir& dir, const std::string& a, const std::string& b,
                  const std::string& format = "hex") {
  return run_cli({"run", "--op", "add", "--a", a, "--b", b, "--out", dir.file("out"), "--format",
                  format, "--backend", "cpu"});
}

void expect_bad_input(const CliResult& r, const std::string& must_say) {
  EXPECT_EQ(r.exit_code, 2) << r.err;
  EXPECT_EQ(line_count(r.err), 1) << r.err;
  EXPECT_NE(r.err.find(must_say), std::string::npos) << r.err;
}

TEST(CliReadErrors, ADirectoryAsInputIsBadInput) {
  ScratchDir dir;
  write_bytes(dir.path("b.hex"), "1\n");
  std::filesystem::create_directory(dir.path("d"));
  expect_bad_input(run_add(dir, dir.file("d"), dir.file("b.hex")),
                   dir.file("d") + ": cannot read: is a directory");
  expect_bad_input(run_cli({"plot", dir.file("d"), "--out", dir.file("p.png")}),
                   dir.file("d") + ": cannot read: is a directory");
  EXPECT_FALSE(std::filesystem::exists(dir.path("out")));
}

// Reading /proc/self/mem at offset 0 fails with EIO (page 0 is never mapped): the old reader
// took that for an empty file and wrote an empty result with exit 0.
TEST(CliReadErrors, AFailingReadIsBadInputNotAnEmptyFile) {
  ScratchDir dir;
  write_bytes(dir.path("out"), "precious\n");
  expect_bad_input(run_add(dir, "/proc/self/mem", "/proc/self/mem"),
                   "/proc/self/mem: cannot read: Input/output error");
  EXPECT_EQ(read_bytes(dir.path("out")), "precious\n");
  EXPECT_EQ(dir.entries().size(), 1u);
}

TEST(CliReadErrors, AFifoInputIsReadToItsEnd) {
  ScratchDir dir;
  ASSERT_EQ(::mkfifo(dir.file("a.fifo").c_str(), 0600), 0);
  write_bytes(dir.path("b.hex"), "2\n3\n");
  std::thread writer([&] { write_bytes(dir.path("a.fifo"), "1\n1\n"); });
  auto r = run_add(dir, dir.file("a.fifo"), dir.file("b.hex"));
  writer.join();
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(read_bytes(dir.path("out")),
            "0x" + std::string(95, '0') + "3\n0x" + std::string(95, '0') + "4\n");
}

TEST(CliEmptyNames, AreUsageErrorsBeforeAnyWork) {
  ScratchDir dir;
  const std::string missing = dir.file("missing.hex");  // an error only if read
  expect_bad_input(run_cli({"run", "--op", "add", "--a", missing, "--b", missing, "--out", ""}),
                   "--out: the file name is empty");
  expect_bad_input(run_cli({"run", "--op", "add", "--a", "", "--b", missing, "--out", "x"}),
                   "--a: the file name is empty");
  expect_bad_input(run_cli({"bench", "persistent", "--json", ""}),
                   "--json: the file name is empty");
  expect_bad_input(run_cli({"bench", "persistent", "--plot", ""}),
                   "--plot: the file name is empty");
  expect_bad_input(run_cli({"plot", missing, "--out", ""}), "--out: the file name is empty");
  expect_bad_input(run_cli({"batch", ""}), "manifest: the file name is empty");
  EXPECT_EQ(dir.entries().size(), 0u);
}

TEST(CliSizes, OutOfRangeCountsStateTheRange) {
  const std::string n_range = "a whole number from 0 to 268435456 (2^28) elements";
  for (std::string n : {"-1", "268435457", "99999999999999999999999", "1e6", "ten", ""}) {
    expect_bad_input(run_cli({"validate", "--backend", "cpu", "--n", n}), n_range);
  }
  const std::string sizes = "a whole number from 1 to 268435456 (2^28) elements";
  for (std::string s : {"0", "-5", "64,0", "1000000000000"}) {
    expect_bad_input(run_cli({"bench", "cpu", "--sizes", s}), sizes);
  }
  expect_bad_input(run_cli({"bench", "batch", "--jobs", "0"}),
                   "a whole number from 1 to 1024 jobs");
  expect_bad_input(run_cli({"bench", "cpu", "--reps", "0"}),
                   "a whole number from 1 to 100000 repetitions");
  expect_bad_input(run_cli({"bench", "cpu", "--device", "-1"}), "from 0 to 1023");
}

TEST(CliSizes, TheEndsOfTheRangeRun) {
  auto r = run_cli({"validate", "--backend", "cpu", "--n", "0"});
  EXPECT_EQ(r.exit_code, 0) << r.err;
  EXPECT_NE(r.out.find("all results match"), std::string::npos) << r.out;
  r = run_cli({"bench", "cpu", "--sizes", "1", "--reps", "1"});
  EXPECT_EQ(r.exit_code, 0) << r.err;
}

// A byte order mark at the start is skipped (Windows editors write one); anywhere else it is
// named for what it is.
TEST(CliMessages, AByteOrderMarkIsSkippedAtTheStartAndNamedElsewhere) {
  ScratchDir dir;
  write_bytes(dir.path("a.hex"),
              "\xEF\xBB\xBF"
              "1\n");
  write_bytes(dir.path("b.hex"), "1\n");
  auto r = run_add(dir, dir.file("a.hex"), dir.file("b.hex"));
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(read_bytes(dir.path("out")), kTwoHex);
  write_bytes(dir.path("a.hex"),
              "1\n\xEF\xBB\xBF"
              "1\n");
  write_bytes(dir.path("b.hex"), "1\n1\n");
  expect_bad_input(run_add(dir, dir.file("a.hex"), dir.file("b.hex")),
                   "a.hex:2: UTF-8 byte order mark at column 1");
}

TEST(CliMessages, ABinFileReadAsHexSaysItLooksBinary) {
  ScratchDir dir;
  std::string bin(48, '\0');
  bin[47] = 1;
  write_bytes(dir.path("a.bin"), bin);
  write_bytes(dir.path("b.hex"), "1\n");
  // The all-zero bytes are NUL; 0x01 and high bytes without NUL are named too.
  expect_bad_input(run_add(dir, dir.file("a.bin"), dir.file("b.hex")),
                   "a.bin:1: contains a NUL byte: this looks like a binary file (--format bin");
  write_bytes(dir.path("a.bin"), "\x1a\x01\x05\x07");
  expect_bad_input(run_add(dir, dir.file("a.bin"), dir.file("b.hex")),
                   "control byte 0x1a at column 1: this looks like a binary file");
  write_bytes(dir.path("a.bin"), "\xa3\xf1\x9c");
  expect_bad_input(run_add(dir, dir.file("a.bin"), dir.file("b.hex")),
                   "not text (not UTF-8): this looks like a binary file");
  write_bytes(dir.path("a.bin"), "0x1z\n");  // plain text with a typo: the usual message
  expect_bad_input(run_add(dir, dir.file("a.bin"), dir.file("b.hex")), "not a hex digit");
}

TEST(CliMessages, AHexFileReadAsBinSuggestsHex) {
  ScratchDir dir;
  write_bytes(dir.path("a.hex"), kOneHex + kOneHex);     // 2 x 99 bytes: not a multiple of 48
  write_bytes(dir.path("b.hex"), std::string(96, '1'));  // two 48-byte "elements" of '1'
  std::string bin(96, '\0');
  write_bytes(dir.path("z.bin"), bin);
  expect_bad_input(run_add(dir, dir.file("a.hex"), dir.file("z.bin"), "bin"),
                   "multiple of 48 (the file looks like hex text: use --format hex)");
  expect_bad_input(run_add(dir, dir.file("b.hex"), dir.file("z.bin"), "bin"),
                   "non-canonical) (the file looks like hex text: use --format hex)");
  write_bytes(dir.path("z.bin"), bin.substr(0, 50));  // binary: no hint
  const auto r = run_add(dir, dir.file("z.bin"), dir.file("z.bin"), "bin");
  expect_bad_input(r, "multiple of 48");
  EXPECT_EQ(r.err.find("--format hex"), std::string::npos) << r.err;
}

}  // namespace
}  // namespace gpuexec::test
