// A bad environment variable through the CLI: every command that may open a device exits 2 with
// one stderr line naming the variable, and writes nothing.
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "cli_harness.hpp"

namespace gpuexec::test {
namespace {

struct BadSetting {
  std::string assignment;  // NAME=value
  std::string says;        // what the one line must contain
};

const BadSetting kBadSettings[] = {
    {"GPUEXEC_FENCE_WAIT=busy", "GPUEXEC_FENCE_WAIT=busy: use spin, block"},
    {"GPUEXEC_SPLIT_QUEUES=yes", "GPUEXEC_SPLIT_QUEUES=yes: use 1"},
    {"GPUEXEC_DEVICES=0,x", "GPUEXEC_DEVICES=0,x: item 2 ('x') is not a device index"},
    {"GPUEXEC_DEVICES=0,7", "GPUEXEC_DEVICES=0,7: item 2 (7): no such Vulkan device"},
    {"GPUEXEC_DEVICES=7", "GPUEXEC_DEVICES=7: item 1 (7): no such Vulkan device"},
    {"GPU_STREAM_CHUNK_ELEMS=0", "GPU_STREAM_CHUNK_ELEMS=0: not a whole number of elements >= 1"},
    {"GPU_STREAM_CHUNK_ELEMS=-3", "GPU_STREAM_CHUNK_ELEMS=-3: not a whole number"},
    {"GPUEXEC_VALIDATION=on", "GPUEXEC_VALIDATION=on: use 1"},
};

class CliBadEnvironment : public ::testing::TestWithParam<BadSetting> {
 protected:
  void expect_refused(const std::vector<std::string>& args) {
    const CliResult r = run_cli(args, {GetParam().assignment});
    SCOPED_TRACE(GetParam().assignment + " gpuexec " + args.front());
    EXPECT_EQ(r.exit_code, 2) << r.err;
    EXPECT_EQ(line_count(r.err), 1) << r.err;
    EXPECT_EQ(r.err.rfind("gpuexec: ", 0), 0u) << r.err;
    EXPECT_NE(r.err.find(GetParam().says), std::string::npos) << r.err;
    EXPECT_EQ(r.err.find("--device"), std::string::npos) << "names the variable: " << r.err;
  }
  ScratchDir dir;
};

TEST_P(CliBadEnvironment, RunExitsTwoAndWritesNothing) {
  write_bytes(dir.path("a.hex"), "1\n2\n");
  write_bytes(dir.path("b.hex"), "3\n4\n");
  for (const char* backend : {"vulkan", "auto"}) {
    expect_refused({"run", "--op", "add", "--a", dir.file("a.hex"), "--b", dir.file("b.hex"),
                    "--out", dir.file("c.hex"), "--backend", backend});
    EXPECT_FALSE(std::filesystem::exists(dir.path("c.hex"))) << backend;
  }
}

TEST_P(CliBadEnvironment, BatchValidateAndDevicesExitTwo) {
  write_bytes(dir.path("a.hex"), "1\n2\n");
  write_bytes(dir.path("m.json"), R"([{"op": "mul", "a": "a.hex", "b": "a.hex", "out": "c.hex"}])");
  expect_refused({"batch", dir.file("m.json"), "--backend", "vulkan"});
  EXPECT_FALSE(std::filesystem::exists(dir.path("c.hex")));
  expect_refused({"validate", "--backend", "vulkan", "--n", "10"});
  // Listing opens no device, so the device list is not looked up there: only its grammar.
  if (GetParam().says.find("no such Vulkan device") == std::string::npos) {
    expect_refused({"devices"});
  }
}

INSTANTIATE_TEST_SUITE_P(Settings, CliBadEnvironment, ::testing::ValuesIn(kBadSettings),
                         [](const auto& info) { return "setting" + std::to_string(info.index); });

// A good value is no error, and a bad one set for a CPU-only run is not looked at.
TEST(CliEnvironment, GoodValuesRunAndCpuRunsIgnoreDeviceSettings) {
  ScratchDir dir;
  write_bytes(dir.path("a.hex"), "1\n2\n");
  const std::vector<std::string> run = {
      "run",   "--op",           "add", "--a", dir.file("a.hex"), "--b", dir.file("a.hex"),
      "--out", dir.file("c.hex")};
  auto with = [&](std::vector<std::string> args, const char* backend) {
    args.insert(args.end(), {"--backend", backend});
    return args;
  };
  CliResult r = run_cli(with(run, "vulkan"),
                        {"GPUEXEC_FENCE_WAIT=spin", "GPUEXEC_SPLIT_QUEUES=1", "GPUEXEC_DEVICES=0",
                         "GPU_STREAM_CHUNK_ELEMS=1", "GPUEXEC_VALIDATION=1"});
  EXPECT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(read_bytes(dir.path("c.hex")),
            "0x" + std::string(95, '0') + "2\n0x" + std::string(95, '0') + "4\n");
  r = run_cli(with(run, "cpu"), {"GPUEXEC_FENCE_WAIT=busy"});
  EXPECT_EQ(r.exit_code, 0) << r.err;
}

}  // namespace
}  // namespace gpuexec::test
