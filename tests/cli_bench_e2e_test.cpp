// bench e2e at a tiny size: `run` as a child beside its I/O floor, the JSON fields, the scratch
// directory gone afterwards, also when a child fails.
#include <gtest/gtest.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <csignal>
#include <filesystem>
#include <nlohmann/json.hpp>
#include <set>
#include <thread>

#include "cli_harness.hpp"

namespace gpuexec::test {
namespace {
TEST(CliBenchE2e, QuickRunWritesRowsBesideTheFloorAndCleansUp) {
  ScratchDir dir;
  // TMPDIR inside the scratch directory: the suite's own directory must be gone afterwards.
  auto r = run_cli({"bench", "e2e", "--quick", "--sizes", "1024", "--json", dir.file("e.json")},
                   {"GPUEXEC_VALIDATION=1", "TMPDIR=" + dir.path("").string()});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(r.err, "");
  EXPECT_NE(r.out.find("e2e: run against the I/O floor"), std::string::npos) << r.out;
  EXPECT_EQ(dir.entries(), std::vector<std::string>{"e.json"});
  const auto j = nlohmann::json::parse(read_bytes(dir.path("e.json")));
  EXPECT_TRUE(j["device"].contains("name"));
  // Per format: floors of 2 and 3 inputs, then 4 ops x {cpu, vulkan}.
  ASSERT_EQ(j["results"].size(), 2u * (2 + 8));
  std::set<std::string> variants;
  for (const auto& row : j["results"]) {
    const std::string variant = row["variant"].get<std::string>();
    variants.insert(variant);
    EXPECT_EQ(row["suite"], "e2e");
    EXPECT_EQ(row["elements"], 1024);
    EXPECT_EQ(row["reps"], 1);
    EXPECT_EQ(row["verified"], true) << row.dump();
    EXPECT_LE(row["min_ms"].get<double>(), row["median_ms"].get<double>());
    EXPECT_LE(row["median_ms"].get<double>(), row["max_ms"].get<double>());
    EXPECT_GT(row["peak_rss_kb"].get<long>(), 0) << row.dump();
    EXPECT_GT(row["launcher_peak_rss_kb"].get<long>(), 0) << row.dump();
    EXPECT_TRUE(row.contains("bytes_read") && row.contains("bytes_written")) << row.dump();
    if (variant.rfind("floor-", 0) == 0) continue;
    for (const char* key : {"backend", "format", "command", "floor_median_ms", "floor_min_ms",
                            "floor_max_ms", "floor_peak_rss_kb"}) {
      EXPECT_TRUE(row.contains(key)) << key << " in " << row.dump();
    }
    EXPECT_GT(row["ratio_to_floor"].get<double>(), 0) << row.dump();
    EXPECT_EQ(row["bytes_read"], (row["op"] == "mad" ? 3 : 2) * row["bytes_written"].get<int>());
  }
  EXPECT_EQ(variants, (std::set<std::string>{"floor-bin", "floor-hex", "cpu-bin", "cpu-hex",
                                             "vulkan-bin", "vulkan-hex"}));
}

TEST(CliBenchE2e, FailingRunIsNamedAndLeavesNoFiles) {
  ScratchDir dir;
  // Only the vulkan child opens a device, and every device allocation fails there.
  auto r = run_cli({"bench", "e2e", "--sizes", "100", "--reps", "1", "--op", "add", "--json",
                    dir.file("e.json")},
                   {"GPUEXEC_INJECT_FAULT=device-oom:1", "TMPDIR=" + dir.path("").string()});
  EXPECT_EQ(r.exit_code, 1) << r.err;
  EXPECT_NE(r.err.find("bench e2e: `gpuexec run --op add"), std::string::npos) << r.err;
  EXPECT_NE(r.err.find("--backend vulkan` failed: exit status"), std::string::npos) << r.err;
  EXPECT_TRUE(dir.entries().empty()) << dir.entries().front();
}
TEST(CliBenchE2e, SigtermEndsTheChildAndRemovesTheFiles) {
  ScratchDir dir;
  const std::string tmp = "TMPDIR=" + dir.path("").string();
  std::vector<std::string> args = {GPUEXEC_CLI, "bench", "e2e",    "--sizes", "262144",
                                   "--op",      "add",   "--reps", "3"};
  std::vector<char*> argv, envp;
  for (auto& a : args) argv.push_back(a.data());
  argv.push_back(nullptr);
  std::vector<std::string> env = {tmp};
  for (char** e = environ; *e; ++e) env.emplace_back(*e);
  for (auto& e : env) envp.push_back(e.data());
  envp.push_back(nullptr);
  posix_spawnattr_t attr;
  posix_spawnattr_init(&attr);
  sigset_t defaults;  // a caller that ignores SIGTERM must not matter
  sigemptyset(&defaults);
  sigaddset(&defaults, SIGTERM);
  posix_spawnattr_setsigdefault(&attr, &defaults);
  posix_spawnattr_setflags(&attr, POSIX_SPAWN_SETSIGDEF);
  pid_t pid = 0;
  ASSERT_EQ(posix_spawn(&pid, argv[0], nullptr, &attr, argv.data(), envp.data()), 0);
  posix_spawnattr_destroy(&attr);
  // The first child's stderr file exists once a child runs: inputs, outputs and the child live.
  auto child_started = [&] {
    for (const auto& name : dir.entries()) {
      if (std::filesystem::exists(dir.path(name) / "stderr.txt")) return true;
    }
    return false;
  };
  const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(60);
  int status = 0;
  bool started = false;
  while (!(started = child_started()) && std::chrono::steady_clock::now() < deadline) {
    if (::waitpid(pid, &status, WNOHANG) == pid) break;
    std::this_thread::sleep_for(std::chrono::milliseconds(1));
  }
  ASSERT_TRUE(started) << "the bench ended or stalled before its first child";
  ::kill(pid, SIGTERM);
  ASSERT_EQ(::waitpid(pid, &status, 0), pid);
  EXPECT_TRUE(WIFSIGNALED(status) && WTERMSIG(status) == SIGTERM) << "status " << status;
  EXPECT_TRUE(dir.entries().empty()) << dir.entries().front();
}
}  // namespace
}  // namespace gpuexec::test
