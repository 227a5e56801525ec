// Hardening round 2 (issue 16), outputs: symlinks are written through, character devices and
// FIFOs written in place, an existing file keeps its mode and owner, a new one follows the umask,
// names near NAME_MAX work, and SIGINT / SIGTERM leave no temporary and the old output intact.
#include <fcntl.h>
#include <gtest/gtest.h>
#include <spawn.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <csignal>
#include <thread>

#include "atomic_file.hpp"
#include "cli_harness.hpp"
#include "input_error.hpp"
#include "temp_registry.hpp"

extern char** environ;

namespace gpuexec::test {
namespace {

namespace fs = std::filesystem;

// 1 + 1 into `out`; the result is kTwoHex.
CliResult run_into(const ScratchDir& dir, const std::string& out) {
  write_bytes(dir.path("one.hex"), "1\n");
  return run_cli({"run", "--op", "add", "--a", dir.file("one.hex"), "--b", dir.file("one.hex"),
                  "--out", out, "--backend", "cpu"});
}

mode_t mode_of(const fs::path& p) {
  struct stat st;
  EXPECT_EQ(::stat(p.c_str(), &st), 0) << p;
  return st.st_mode;
}

TEST(CliOutputs, ASymlinkIsWrittenThroughAndStaysALink) {
  ScratchDir dir;
  fs::create_directory(dir.path("real"));
  write_bytes(dir.path("real/c.hex"), "old\n");
  ::chmod(dir.file("real/c.hex").c_str(), 0640);
  fs::create_symlink("real/c.hex", dir.path("link.hex"));  // relative, into another directory
  fs::create_symlink("link.hex", dir.path("link2.hex"));   // a chain
  auto r = run_into(dir, dir.file("link2.hex"));
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_TRUE(fs::is_symlink(dir.path("link2.hex")));
  EXPECT_TRUE(fs::is_symlink(dir.path("link.hex")));
  EXPECT_EQ(read_bytes(dir.path("real/c.hex")), kTwoHex);
  EXPECT_EQ(mode_of(dir.path("real/c.hex")) & 07777, 0640u);
  EXPECT_EQ(fs::directory_iterator(dir.path("real"))->path().filename(), "c.hex");
  // A dangling link creates the file it names.
  fs::create_symlink("real/new.hex", dir.path("dangling.hex"));
  r = run_into(dir, dir.file("dangling.hex"));
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_TRUE(fs::is_symlink(dir.path("dangling.hex")));
  EXPECT_EQ(read_bytes(dir.path("real/new.hex")), kTwoHex);
}

// The old writer renamed its temporary over the device node: as root, /dev/null became a file.
TEST(CliOutputs, CharacterDevicesAreWrittenInPlace) {
  ScratchDir dir;
  fs::create_symlink("/dev/null", dir.path("null-link"));
  for (std::string out : {std::string("/dev/null"), dir.file("null-link")}) {
    auto r = run_into(dir, out);
    EXPECT_EQ(r.exit_code, 0) << r.err;
    EXPECT_TRUE(S_ISCHR(mode_of("/dev/null"))) << out;
  }
  EXPECT_TRUE(fs::is_symlink(dir.path("null-link")));
}

TEST(CliOutputs, AFifoIsWrittenInPlace) {
  ScratchDir dir;
  ASSERT_EQ(::mkfifo(dir.file("c.fifo").c_str(), 0600), 0);
  std::string got;
  std::thread reader([&] { got = read_bytes(dir.path("c.fifo")); });
  auto r = run_into(dir, dir.file("c.fifo"));
  reader.join();
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(got, kTwoHex);
  EXPECT_TRUE(S_ISFIFO(mode_of(dir.path("c.fifo"))));
}

TEST(CliOutputs, AnExistingFileKeepsItsModeAndOwner) {
  ScratchDir dir;
  write_bytes(dir.path("c.hex"), "old\n");
  ASSERT_EQ(::chmod(dir.file("c.hex").c_str(), 0604), 0);
  const bool root = ::geteuid() == 0;
  if (root) {
    ASSERT_EQ(::chown(dir.file("c.hex").c_str(), 1234, 5678), 0);
  }
  auto r = run_into(dir, dir.file("c.hex"));
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(read_bytes(dir.path("c.hex")), kTwoHex);
  struct stat st;
  ASSERT_EQ(::stat(dir.file("c.hex").c_str(), &st), 0);
  EXPECT_EQ(st.st_mode & 07777, 0604u);
  if (root) {
    EXPECT_EQ(st.st_uid, 1234u);
    EXPECT_EQ(st.st_gid, 5678u);
  }
}

TEST(CliOutputs, ANewFileFollowsTheUmask) {
  ScratchDir dir;
  for (auto [mask, want] : {std::pair<mode_t, mode_t>{027, 0640}, {0, 0666}, {077, 0600}}) {
    const mode_t old = ::umask(mask);  // inherited by the child
    auto r = run_into(dir, dir.file("new.hex"));
    ::umask(old);
    ASSERT_EQ(r.exit_code, 0) << r.err;
    EXPECT_EQ(mode_of(dir.path("new.hex")) & 07777, want) << "umask " << mask;
    fs::remove(dir.path("new.hex"));
  }
}

TEST(CliOutputs, NamesAtNameMaxWork) {
  ScratchDir dir;
  const std::string name(NAME_MAX - 4, 'n');
  for (int pass = 0; pass < 2; ++pass) {  // new, then replacing the existing file
    auto r = run_into(dir, dir.file(name + ".hex"));
    ASSERT_EQ(r.exit_code, 0) << r.err;
    EXPECT_EQ(read_bytes(dir.path(name + ".hex")), kTwoHex);
  }
  EXPECT_EQ(dir.entries().size(), 2u);  // one.hex and the output: no temporary
}

TEST(CliOutputs, BlockDevicesAndSocketsAreRefused) {
  ScratchDir dir;
  // A socket stands in for both (creating a block device needs mknod rights).
  const std::string sock = dir.file("s.sock");
  const std::string cmd = "python3 -c \"import socket; s=socket.socket(socket.AF_UNIX); s.bind('" +
                          sock + "')\" 2>/dev/null";
  if (std::system(cmd.c_str()) != 0 || !fs::exists(sock)) GTEST_SKIP() << "no python3";
  auto r = run_into(dir, sock);
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_EQ(line_count(r.err), 1) << r.err;
  EXPECT_NE(r.err.find("is a socket; outputs are regular files, character devices or FIFOs"),
            std::string::npos)
      << r.err;
}

TEST(TempRegistry, ATemporaryIsRegisteredUntilCommittedOrDropped) {
  ScratchDir dir;
  const int before = cli::live_temp_count();
  {
    cli::AtomicFile f(dir.file("a"));
    EXPECT_EQ(cli::live_temp_count(), before + 1);
    cli::AtomicFile g(dir.file("b"));
    EXPECT_EQ(cli::live_temp_count(), before + 2);
    f.write("x");
    f.commit();
    EXPECT_EQ(cli::live_temp_count(), before + 1);
  }
  EXPECT_EQ(cli::live_temp_count(), before);
  EXPECT_EQ(read_bytes(dir.path("a")), "x");
  EXPECT_EQ(dir.entries().size(), 1u);
  std::vector<std::unique_ptr<cli::AtomicFile>> many;  // past one chunk of slots
  for (int i = 0; i < 200; ++i) many.push_back(std::make_unique<cli::AtomicFile>(dir.file("m")));
  EXPECT_EQ(cli::live_temp_count(), before + 200);
  many.clear();
  EXPECT_EQ(cli::live_temp_count(), before);
  EXPECT_THROW(cli::AtomicFile(""), cli::InputError);
}

bool has_temp(const ScratchDir& dir) {
  for (const auto& name : dir.entries()) {
    if (name.starts_with(".gpuexec-")) return true;
  }
  return false;
}

// A mul of 2^20 hex elements spends a second or more between creating its temporary and the
// rename; the signal lands in that window (the test fails if the run finished first).
void expect_signal_leaves_old_output(int sig) {
  ScratchDir dir;
  std::string block;
  for (int i = 0; i < 1024; ++i)
    block += "0x" + std::string(93, '7') + "a" + std::to_string(i % 10) + "\n";
  std::string big;
  for (int i = 0; i < 1024; ++i) big += block;
  write_bytes(dir.path("a.hex"), big);
  write_bytes(dir.path("c.hex"), "precious\n");
  std::vector<std::string> args = {GPUEXEC_CLI, "run",
                                   "--op",      "mul",
                                   "--a",       dir.file("a.hex"),
                                   "--b",       dir.file("a.hex"),
                                   "--out",     dir.file("c.hex"),
                                   "--backend", "cpu"};
  std::vector<char*> argv;
  for (auto& a : args) argv.push_back(a.data());
  argv.push_back(nullptr);
  posix_spawnattr_t attr;
  posix_spawnattr_init(&attr);
  sigset_t defaults;  // a caller that ignores SIGINT (a background shell job) must not matter
  sigemptyset(&defaults);
  sigaddset(&defaults, sig);
  posix_spawnattr_setsigdefault(&attr, &defaults);
  posix_spawnattr_setflags(&attr, POSIX_SPAWN_SETSIGDEF);
  pid_t pid = 0;
  ASSERT_EQ(posix_spawn(&pid, argv[0], nullptr, &attr, argv.data(), environ), 0);
  posix_spawnattr_destroy(&attr);
  const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(120);
  bool seen = false;
  int status = 0;
  while (!(seen = has_temp(dir)) && std::chrono::steady_clock::now() < deadline) {
    if (::waitpid(pid, &status, WNOHANG) == pid) break;
    std::this_thread::sleep_for(std::chrono::microseconds(500));
  }
  ASSERT_TRUE(seen) << "the run ended or stalled before creating its temporary";
  ::kill(pid, sig);
  ASSERT_EQ(::waitpid(pid, &status, 0), pid);
  EXPECT_TRUE(WIFSIGNALED(status) && WTERMSIG(status) == sig)
      << "the run finished before the signal: status " << status;
  EXPECT_FALSE(has_temp(dir)) << "a temporary was left behind";
  EXPECT_EQ(read_bytes(dir.path("c.hex")), "precious\n");
}

TEST(CliSignals, SigtermLeavesNoTemporaryAndTheOldOutput) {
  expect_signal_leaves_old_output(SIGTERM);
}
TEST(CliSignals, SigintLeavesNoTemporaryAndTheOldOutput) {
  expect_signal_leaves_old_output(SIGINT);
}

}  // namespace
}  // namespace gpuexec::test
