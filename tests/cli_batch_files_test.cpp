// gpuexec batch and the files its jobs name: no descriptor held per job (10,000 jobs under a low
// RLIMIT_NOFILE), duplicate outputs found by the real path, jobs reading other jobs' outputs.
#include <gtest/gtest.h>
#include <sys/resource.h>

#include <stdlib.h>

#include <filesystem>
#include <string>

#include "cli_harness.hpp"

namespace gpuexec::test {
namespace {

namespace fs = std::filesystem;

std::string job(const std::string& op, const std::string& a, const std::string& b,
                const std::string& out) {
  return "{\"op\": \"" + op + "\", \"a\": \"" + a + "\", \"b\": \"" + b + "\", \"out\": \"" + out +
         "\"}";
}

std::string manifest(const std::vector<std::string>& jobs) {
  std::string m = "[";
  for (std::size_t i = 0; i < jobs.size(); ++i) m += (i ? ",\n" : "\n") + jobs[i];
  return m + "\n]";
}

bool has(const CliResult& r, const std::string& what) {
  return r.err.find(what) != std::string::npos;
}

// Lowers this process's soft descriptor limit (the CLI, run through system(), inherits it) and
// restores it on scope exit.
class FdLimit {
 public:
  explicit FdLimit(rlim_t soft) {
    getrlimit(RLIMIT_NOFILE, &saved_);
    rlimit lowered = saved_;
    lowered.rlim_cur = soft;
    ok_ = setrlimit(RLIMIT_NOFILE, &lowered) == 0;
  }
  ~FdLimit() { setrlimit(RLIMIT_NOFILE, &saved_); }
  bool ok() const { return ok_; }

 private:
  rlimit saved_{};
  bool ok_ = false;
};

// A scratch directory in memory where there is one: each output is fsynced, which on a disk
// makes 10,000 of them take half a minute, and in tmpfs two seconds.
class MemoryDir {
 public:
  MemoryDir() {
    std::string tmpl = (fs::exists("/dev/shm") ? fs::path("/dev/shm") : fs::temp_directory_path())
                           .append("gpuexec-test-XXXXXX")
                           .string();
    if (mkdtemp(tmpl.data())) root_ = tmpl;
  }
  ~MemoryDir() {
    std::error_code ec;
    if (!root_.empty()) fs::remove_all(root_, ec);
  }
  fs::path path(const std::string& name) const { return root_ / name; }
  std::string file(const std::string& name) const { return path(name).string(); }
  bool ok() const { return !root_.empty(); }

 private:
  fs::path root_;
};

TEST(CliBatchFiles, TenThousandJobsUnderALowDescriptorLimit) {
  MemoryDir dir;
  ASSERT_TRUE(dir.ok());
  write_bytes(dir.path("a.hex"), "3\n");
  write_bytes(dir.path("b.hex"), "4\n");
  fs::create_directory(dir.path("out"));
  const int n = 10000;
  std::vector<std::string> jobs;
  for (int i = 0; i < n; ++i) {
    jobs.push_back(job(i % 2 ? "mul" : "add", "a.hex", "b.hex", "out/" + std::to_string(i)));
  }
  write_bytes(dir.path("m.json"), manifest(jobs));
  for (std::string schedule : {"pipelined", "sequential"}) {
    CliResult r;
    {
      FdLimit limit(256);
      ASSERT_TRUE(limit.ok());
      r = run_cli({"batch", dir.file("m.json"), "--backend", "cpu", "--schedule", schedule});
    }
    ASSERT_EQ(r.exit_code, 0) << r.err.substr(0, 2000);
    EXPECT_NE(r.out.find("10000 of 10000 jobs done"), std::string::npos) << r.out;
    std::size_t files = 0;
    for (const auto& e : fs::directory_iterator(dir.path("out"))) {
      ASSERT_NE(e.path().filename().string()[0], '.') << "a temporary left: " << e.path();
      ++files;
    }
    EXPECT_EQ(files, std::size_t(n));
    const std::string pad(95, '0');
    EXPECT_EQ(read_bytes(dir.path("out/0")), "0x" + pad + "7\n");
    EXPECT_EQ(read_bytes(dir.path("out/9999")), "0x" + pad + "c\n");
  }
}

TEST(CliBatchFiles, DuplicateOutputsAreFoundByTheRealPath) {
  ScratchDir dir;
  write_bytes(dir.path("a.hex"), "1\n");
  write_bytes(dir.path("x.hex"), "old\n");
  fs::create_directories(dir.path("deep/inner"));
  fs::create_directory_symlink("deep/inner", dir.path("sub"));  // sub/.. is deep, not the root
  fs::create_symlink("x.hex", dir.path("link.hex"));
  fs::create_hard_link(dir.path("x.hex"), dir.path("hard.hex"));
  write_bytes(dir.path("m.json"), manifest({
                                      job("add", "a.hex", "a.hex", "x.hex"),          // 0 runs
                                      job("add", "a.hex", "a.hex", "./x.hex"),        // 1
                                      job("add", "a.hex", "a.hex", "deep/../x.hex"),  // 2
                                      job("add", "a.hex", "a.hex", "link.hex"),       // 3
                                      job("add", "a.hex", "a.hex", "hard.hex"),       // 4
                                      job("add", "a.hex", "a.hex", "sub/../y.hex"),   // 5 runs
                                      job("add", "a.hex", "a.hex", "deep/y.hex"),     // 6
                                  }));
  auto r = run_cli({"batch", dir.file("m.json"), "--backend", "cpu"});
  EXPECT_EQ(r.exit_code, 2) << r.err;
  EXPECT_EQ(line_count(r.err), 5) << r.err;
  for (int i : {1, 2, 3, 4}) {
    EXPECT_TRUE(has(r, "job " + std::to_string(i) + ": ")) << r.err;
  }
  EXPECT_TRUE(has(r, "job 0 writes this output too")) << r.err;
  EXPECT_TRUE(has(r, "job 6: ")) << r.err;
  EXPECT_TRUE(has(r, "job 5 writes this output too")) << r.err;
  EXPECT_NE(r.out.find("2 of 7 jobs done"), std::string::npos) << r.out;
  EXPECT_EQ(read_bytes(dir.path("x.hex")), "0x" + std::string(95, '0') + "2\n");
  EXPECT_TRUE(fs::exists(dir.path("deep/y.hex")));
  EXPECT_FALSE(fs::exists(dir.path("y.hex")));  // sub/../y.hex is deep/y.hex
}

TEST(CliBatchFiles, AJobReadingAnotherJobsOutputIsRejected) {
  ScratchDir dir;
  write_bytes(dir.path("a.hex"), "1\n2\n");
  write_bytes(dir.path("acc.hex"), "5\n6\n");
  write_bytes(dir.path("m.json"),
              manifest({
                  job("add", "./late.hex", "a.hex", "early.hex"),  // 0: reads job 2's output
                  job("mul", "a.hex", "a.hex", "mid.hex"),         // 1 runs
                  job("sub", "a.hex", "./mid.hex", "late.hex"),    // 2: reads job 1's output
                  job("add", "acc.hex", "a.hex", "acc.hex"),       // 3: in place, runs
              }));
  for (std::string schedule : {"pipelined", "sequential"}) {
    auto r = run_cli({"batch", dir.file("m.json"), "--backend", "cpu", "--schedule", schedule});
    EXPECT_EQ(r.exit_code, 2) << r.err;
    EXPECT_EQ(line_count(r.err), 2) << r.err;
    EXPECT_TRUE(has(r, "job 0: ")) << r.err;
    EXPECT_TRUE(has(r, "late.hex is the output of job 2")) << r.err;
    EXPECT_TRUE(has(r, "job 2: ")) << r.err;
    EXPECT_TRUE(has(r, "mid.hex is the output of job 1")) << r.err;
    EXPECT_FALSE(fs::exists(dir.path("early.hex")));
    EXPECT_FALSE(fs::exists(dir.path("late.hex")));
    EXPECT_TRUE(fs::exists(dir.path("mid.hex")));
  }
  // Job 3 ran twice in place: 5 + 1 + 1 and 6 + 2 + 2.
  const std::string pad(95, '0');
  EXPECT_EQ(read_bytes(dir.path("acc.hex")), "0x" + pad + "7\n0x" + pad + "a\n");
}

TEST(CliBatchFiles, AnUnwritableOutputIsFoundBeforeAnyJobRuns) {
  ScratchDir dir;
  write_bytes(dir.path("a.hex"), "1\n");
  fs::create_directory(dir.path("adir"));
  write_bytes(dir.path("m.json"), manifest({job("add", "a.hex", "a.hex", "nodir/x.hex"),
                                            job("add", "a.hex", "a.hex", "adir"),
                                            job("add", "a.hex", "a.hex", "ok.hex")}));
  auto r = run_cli({"batch", dir.file("m.json"), "--backend", "cpu"});
  EXPECT_EQ(r.exit_code, 2) << r.err;
  EXPECT_EQ(line_count(r.err), 2) << r.err;
  EXPECT_TRUE(has(r, "job 0: ")) << r.err;
  EXPECT_TRUE(has(r, "nodir/x.hex: cannot write output: directory")) << r.err;
  EXPECT_TRUE(has(r, "job 1: ")) << r.err;
  EXPECT_TRUE(has(r, "adir: cannot write output: is a directory")) << r.err;
  EXPECT_TRUE(fs::exists(dir.path("ok.hex")));
  EXPECT_EQ(dir.entries().size(), 4u);  // a.hex adir m.json ok.hex: no temporaries
}

// The manifest goes through the CLI's checked reader: a read error is named, not parsed as an
// empty or cut-short manifest ("byte 1: not valid JSON" before).
TEST(CliBatchFiles, AManifestThatCannotBeReadSaysWhy) {
  ScratchDir dir;
  auto r = run_cli({"batch", dir.file("")});
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_TRUE(has(r, "cannot read: is a directory")) << r.err;
  r = run_cli({"batch", "/proc/self/mem"});
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_TRUE(has(r, "/proc/self/mem: cannot read: Input/output error")) << r.err;
}

}  // namespace
}  // namespace gpuexec::test
