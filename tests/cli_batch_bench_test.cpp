// The gpuexec binary's batch and bench commands: manifests run and bad jobs reported by index,
// every bench suite's JSON contract, several devices in stats.
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>
#include <set>

#include "cli_harness.hpp"

namespace gpuexec::test {
namespace {
TEST(CliBench, PersistentSuiteWritesTheJsonContract) {
  ScratchDir dir;
  auto r = run_cli({"bench", "persistent", "--sizes", "64,1000", "--reps", "2", "--op", "mul",
                    "--json", dir.file("p.json")},
                   {"GPUEXEC_VALIDATION=1"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(r.err, "");
  const auto j = nlohmann::json::parse(read_bytes(dir.path("p.json")));
  EXPECT_TRUE(j["device"].contains("name"));
  EXPECT_TRUE(j["device"].contains("type"));
  EXPECT_TRUE(j["device"].contains("driver"));
  ASSERT_EQ(j["results"].size(), 6u);  // one-shot, persistent, pinned at each size
  std::set<std::string> variants;
  for (const auto& row : j["results"]) {
    variants.insert(row["variant"].get<std::string>());
    EXPECT_EQ(row["suite"], "persistent");
    EXPECT_EQ(row["op"], "mul");
    EXPECT_EQ(row["jobs"], 1);
    EXPECT_EQ(row["reps"], 2);
    EXPECT_EQ(row["verified"], true);
    EXPECT_LE(row["min_ms"].get<double>(), row["median_ms"].get<double>());
    EXPECT_LE(row["median_ms"].get<double>(), row["max_ms"].get<double>());
    EXPECT_TRUE(row["elements"] == 64 || row["elements"] == 1000);
  }
  EXPECT_EQ(variants, (std::set<std::string>{"one-shot", "persistent", "pinned"}));
}

TEST(CliBatch, ManifestJobsRunAndBadJobsAreReportedByIndex) {
  ScratchDir dir;
  write_bytes(dir.path("a.hex"), "1\n2\n3\n");
  write_bytes(dir.path("b.hex"), "5\n6\n7\n");
  write_bytes(dir.path("short.hex"), "5\n");
  write_bytes(dir.path("bad.hex"), "1\nzz\n3\n");
  write_bytes(dir.path("keep.hex"), "precious\n");
  write_bytes(dir.path("m.json"), R"([
    {"op": "mul", "a": "a.hex", "b": "b.hex", "out": "ab.hex"},
    {"op": "add", "a": "a.hex", "b": "short.hex", "out": "keep.hex"},
    {"op": "sub", "a": "a.hex", "b": "bad.hex", "out": "never.hex"},
    {"op": "pow", "a": "a.hex", "b": "b.hex", "out": "never2.hex"},
    {"op": "sub", "a": "b.hex", "b": "a.hex", "out": "ba.hex", "format": "hex"}
  ])");
  for (std::string schedule : {"pipelined", "sequential"}) {
    auto r = run_cli({"batch", dir.file("m.json"), "--schedule", schedule, "--backend", "vulkan"},
                     {"GPUEXEC_VALIDATION=1"});
    EXPECT_EQ(r.exit_code, 2) << r.err;
    EXPECT_EQ(line_count(r.err), 3) << r.err;
    EXPECT_NE(r.err.find("job 1: "), std::string::npos) << r.err;
    EXPECT_NE(r.err.find("job 2: "), std::string::npos) << r.err;
    EXPECT_NE(r.err.find("bad.hex:2:"), std::string::npos) << r.err;
    EXPECT_NE(r.err.find("job 3: unknown op \"pow\""), std::string::npos) << r.err;
    EXPECT_EQ(read_bytes(dir.path("keep.hex")), "precious\n");
    EXPECT_FALSE(std::filesystem::exists(dir.path("never.hex")));
    const std::string zero_pad(95, '0');
    EXPECT_EQ(read_bytes(dir.path("ab.hex")), "0x" + std::string(94, '0') + "05\n0x" + zero_pad +
                                                  "c\n0x" + std::string(94, '0') + "15\n");
    EXPECT_EQ(read_bytes(dir.path("ba.hex")),
              "0x" + zero_pad + "4\n0x" + zero_pad + "4\n0x" + zero_pad + "4\n");
  }
}

TEST(CliBatch, MalformedManifestIsOneLineAndWritesNothing) {
  ScratchDir dir;
  write_bytes(dir.path("m.json"), R"([{"op": "add", "a": "x"} )");
  auto r = run_cli({"batch", dir.file("m.json")});
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_EQ(line_count(r.err), 1) << r.err;
  EXPECT_NE(r.err.find("m.json: byte"), std::string::npos) << r.err;
  // A number out of every JSON number type's range (a libFuzzer find: it used to abort).
  write_bytes(dir.path("m.json"), "[{\"op\": 6666666666600e0000000000014959837543532436}]");
  r = run_cli({"batch", dir.file("m.json")});
  EXPECT_EQ(r.exit_code, 2) << r.err;
  EXPECT_EQ(line_count(r.err), 1) << r.err;
  EXPECT_NE(r.err.find("m.json: not valid JSON"), std::string::npos) << r.err;
  write_bytes(dir.path("m.json"), R"({"not": "jobs"})");
  r = run_cli({"batch", dir.file("m.json")});
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_NE(r.err.find("expected a JSON array"), std::string::npos) << r.err;
  EXPECT_EQ(dir.entries().size(), 1u);
}

// One ctest entry per suite, so that they spread over the cores.
class CliBenchSuites : public ::testing::TestWithParam<std::vector<std::string>> {};

TEST_P(CliBenchSuites, WritesVerifiedJson) {
  ScratchDir dir;
  auto args = GetParam();
  args.push_back("--json");
  args.push_back(dir.file("out.json"));
  auto r = run_cli(args, {"GPUEXEC_VALIDATION=1"});
  ASSERT_EQ(r.exit_code, 0) << args[1] << ": " << r.err;
  EXPECT_EQ(r.err, "") << args[1];
  const auto j = nlohmann::json::parse(read_bytes(dir.path("out.json")));
  ASSERT_FALSE(j["results"].empty()) << args[1];
  for (const auto& row : j["results"]) {
    EXPECT_EQ(row["suite"], args[1]);
    EXPECT_EQ(row["verified"], true) << row.dump();
    for (const char* key :
         {"variant", "op", "elements", "jobs", "median_ms", "min_ms", "max_ms", "reps"}) {
      EXPECT_TRUE(row.contains(key)) << key << " in " << row.dump();
    }
  }
  if (args[1] == "multi") {  // the field batch, the NTT batch and the MSM on 1 and 2 devices
    std::set<std::string> variants;
    for (const auto& row : j["results"]) variants.insert(row["variant"]);
    EXPECT_EQ(variants, (std::set<std::string>{"1 devices", "1 devices ntt", "1 devices msm",
                                               "2 devices", "2 devices ntt", "2 devices msm"}));
  }
}

INSTANTIATE_TEST_SUITE_P(
    Every, CliBenchSuites,
    ::testing::Values(
        std::vector<std::string>{"bench", "paths", "--sizes", "64,3000", "--reps", "2"},
        std::vector<std::string>{"bench", "chunk", "--sizes", "70000", "--reps", "1"},
        std::vector<std::string>{"bench", "batch", "--sizes", "1000", "--jobs", "2,3", "--reps",
                                 "2"},
        std::vector<std::string>{"bench", "resident", "--sizes", "5000", "--reps", "2"},
        std::vector<std::string>{"bench", "transfer", "--sizes", "1000", "--reps", "2"},
        std::vector<std::string>{"bench", "multi", "--devices", "0,0", "--sizes", "1024", "--jobs",
                                 "3", "--reps", "2", "--msm-points", "300"},
        std::vector<std::string>{"bench", "ntt", "--sizes", "1024", "--reps", "2"},
        std::vector<std::string>{"bench", "msm", "--sizes", "300", "--reps", "1"}),
    [](const auto& info) { return info.param[1]; });

TEST(CliBench, BadDeviceListIsBadInput) {
  auto r = run_cli({"bench", "multi", "--devices", "0,x", "--reps", "1"});
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_EQ(line_count(r.err), 1) << r.err;
  EXPECT_NE(r.err.find("--devices=0,x: item 2 ('x') is not a device index"), std::string::npos)
      << r.err;
}

// GPUEXEC_DEVICES spreads `run` over several devices; --stats shows each device's share.
TEST(CliRunMultiDevice, StatsShowEveryDevice) {
  ScratchDir dir;
  write_bytes(dir.path("a.hex"), "1\n2\n3\n");
  auto r = run_cli({"run", "--op", "mul", "--a", dir.file("a.hex"), "--b", dir.file("a.hex"),
                    "--out", dir.file("c.hex"), "--backend", "vulkan", "--stats"},
                   {"GPUEXEC_DEVICES=0,0", "GPUEXEC_VALIDATION=1"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(read_bytes(dir.path("c.hex")).substr(0, 4), "0x00");
  EXPECT_NE(r.out.find("multi-device (2 devices)"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("  device 0 ("), std::string::npos) << r.out;
  r = run_cli({"run", "--op", "mul", "--a", dir.file("a.hex"), "--b", dir.file("a.hex"), "--out",
               dir.file("c.hex"), "--backend", "vulkan"},
              {"GPUEXEC_DEVICES=0,nine"});
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_NE(r.err.find("GPUEXEC_DEVICES=0,nine"), std::string::npos) << r.err;
}

TEST(CliBench, UnknownSuiteIsAUsageError) {
  EXPECT_NE(run_cli({"bench", "nosuch"}).exit_code, 0);
}

}  // namespace
}  // namespace gpuexec::test
