// The environment variables: every one's defaults, good values and each class of bad value, with
// the message naming the variable; README's table against the module's; no getenv elsewhere.
#include <gtest/gtest.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <limits>
#include <set>
#include <sstream>
#include <string>
#include <utility>
#include <vector>

#include "config/environment.hpp"
#include "expectations.hpp"

namespace gpuexec::test {
namespace {

namespace fs = std::filesystem;

// Every variable of the table unset for the test, and put back afterwards.
class Environment : public ::testing::Test {
 protected:
  void SetUp() override {
    for (const env::Variable& v : env::variables()) {
      const std::string name(v.name);
      if (const char* old = std::getenv(name.c_str())) saved_.emplace_back(name, old);
      ::unsetenv(name.c_str());
    }
  }
  void TearDown() override {
    for (const env::Variable& v : env::variables()) ::unsetenv(std::string(v.name).c_str());
    for (const auto& [name, value] : saved_) ::setenv(name.c_str(), value.c_str(), 1);
  }
  static void set(const char* name, const std::string& value) { ::setenv(name, value.c_str(), 1); }
  // `read` must reject `value` of `name` with InvalidArgument, the message naming the variable
  // on one line; check_all must reject it too.
  template <class Read>
  static void expect_rejected(const char* name, const std::string& value, Read&& read,
                              const std::string& says) {
    set(name, value);
    SCOPED_TRACE(std::string(name) + "='" + value + "'");
    expect_error(read, ErrorCode::InvalidArgument, says);
    try {
      read();
    } catch (const Error& e) {
      EXPECT_EQ(std::string(e.what()).find('\n'), std::string::npos) << e.what();
    }
    expect_error([] { env::check_all(); }, ErrorCode::InvalidArgument, name);
    ::unsetenv(name);
  }

 private:
  std::vector<std::pair<std::string, std::string>> saved_;
};

const std::string kOverflow = "99999999999999999999999999";

TEST_F(Environment, UnsetMeansEveryDefault) {
  EXPECT_FALSE(env::validation());
  EXPECT_FALSE(env::device());
  EXPECT_FALSE(env::devices());
  EXPECT_FALSE(env::chunk_elems());
  EXPECT_EQ(env::data_path(), DataPath::Auto);
  EXPECT_EQ(env::kernel(), KernelVariant::Auto);
  EXPECT_FALSE(env::local_size());
  EXPECT_FALSE(env::max_device_memory());
  EXPECT_EQ(env::host_input_memory(), env::HostInputMemory::Default);
  EXPECT_EQ(env::fence_wait(), env::FenceWait::ByDevice);
  EXPECT_FALSE(env::split_queues());
  EXPECT_FALSE(env::inject_fault());
  EXPECT_FALSE(env::xdg_cache_home());
  EXPECT_FALSE(env::home());
  EXPECT_NO_THROW(env::check_all());
}

// Empty means unset for every variable but the counts, where it was always an error.
TEST_F(Environment, EmptyMeansUnsetExceptForCounts) {
  for (const env::Variable& v : env::variables()) set(std::string(v.name).c_str(), "");
  ::unsetenv("GPU_STREAM_CHUNK_ELEMS");
  ::unsetenv("GPUEXEC_LOCAL_SIZE");
  ::unsetenv("GPUEXEC_CLI_CHUNK_ELEMS");
  ::unsetenv("GPUEXEC_MSM_SEGMENT_BUCKETS");
  EXPECT_NO_THROW(env::check_all());
  EXPECT_FALSE(env::validation());
  EXPECT_FALSE(env::device());
  EXPECT_FALSE(env::devices());
  EXPECT_EQ(env::data_path(), DataPath::Auto);
  EXPECT_EQ(env::kernel(), KernelVariant::Auto);
  EXPECT_FALSE(env::max_device_memory());
  EXPECT_EQ(env::host_input_memory(), env::HostInputMemory::Default);
  EXPECT_EQ(env::fence_wait(), env::FenceWait::ByDevice);
  EXPECT_FALSE(env::split_queues());
  EXPECT_FALSE(env::inject_fault());
  EXPECT_FALSE(env::xdg_cache_home());
  EXPECT_FALSE(env::home());
  EXPECT_FALSE(env::ntt_log_cap());
  EXPECT_FALSE(env::coalesced_io());
  EXPECT_FALSE(env::ntt_shuffle());
  expect_rejected("GPU_STREAM_CHUNK_ELEMS", "", env::chunk_elems, "GPU_STREAM_CHUNK_ELEMS=: ");
  expect_rejected("GPUEXEC_MSM_SEGMENT_BUCKETS", "", env::msm_segment_buckets,
                  "GPUEXEC_MSM_SEGMENT_BUCKETS=: ");
  expect_rejected("GPUEXEC_LOCAL_SIZE", "", env::local_size, "GPUEXEC_LOCAL_SIZE=: ");
  expect_rejected("GPUEXEC_CLI_CHUNK_ELEMS", "", env::cli_chunk_elems,
                  "GPUEXEC_CLI_CHUNK_ELEMS=: ");
}

TEST_F(Environment, Flags) {
  const std::pair<const char*, bool (*)()> flags[] = {{"GPUEXEC_VALIDATION", env::validation},
                                                      {"GPUEXEC_SPLIT_QUEUES", env::split_queues}};
  for (const auto& [name, read] : flags) {
    set(name, "1");
    EXPECT_TRUE(read()) << name;
    set(name, "0");
    EXPECT_FALSE(read()) << name;
    for (const char* bad : {"yes", "true", "2", "-1", "1x", " 1", "01", "on"}) {
      expect_rejected(name, bad, read, std::string(name) + "=" + bad + ": use 1");
    }
  }
}

TEST_F(Environment, Counts) {
  const std::pair<const char*, std::optional<std::size_t> (*)()> counts[] = {
      {"GPU_STREAM_CHUNK_ELEMS", env::chunk_elems},
      {"GPUEXEC_LOCAL_SIZE", env::local_size},
      {"GPUEXEC_MSM_SEGMENT_BUCKETS", env::msm_segment_buckets}};
  for (const auto& [name, read] : counts) {
    set(name, "1");
    EXPECT_EQ(read(), 1u) << name;
    set(name, "524288");
    EXPECT_EQ(read(), 524288u) << name;
    set(name, std::to_string(std::numeric_limits<std::size_t>::max()));
    EXPECT_EQ(read(), std::numeric_limits<std::size_t>::max()) << name;
    for (const std::string& bad :
         {std::string("0"), std::string("-5"), std::string("abc"), std::string("12x"),
          std::string("1e3"), std::string("+4"), std::string(" 4"), kOverflow}) {
      expect_rejected(name, bad, read,
                      std::string(name) + "=" + bad + ": not a whole number of elements >= 1");
    }
  }
}

TEST_F(Environment, NttLogCap) {
  set("GPUEXEC_NTT_LOG_CAP", "9");
  EXPECT_EQ(env::ntt_log_cap(), 9u);
  set("GPUEXEC_NTT_LOG_CAP", "10");
  EXPECT_EQ(env::ntt_log_cap(), 10u);
  set("GPUEXEC_NTT_LOG_CAP", "auto");
  EXPECT_FALSE(env::ntt_log_cap());
  for (const char* bad : {"8", "11", "09", " 9", "AUTO", "1e1", "-9"}) {
    expect_rejected("GPUEXEC_NTT_LOG_CAP", bad, env::ntt_log_cap,
                    std::string("GPUEXEC_NTT_LOG_CAP=") + bad + ": use 9, 10 or auto");
  }
}

TEST_F(Environment, NttShuffle) {
  set("GPUEXEC_NTT_SHUFFLE", "1");
  EXPECT_EQ(env::ntt_shuffle(), true);
  set("GPUEXEC_NTT_SHUFFLE", "0");
  EXPECT_EQ(env::ntt_shuffle(), false);
  set("GPUEXEC_NTT_SHUFFLE", "auto");
  EXPECT_FALSE(env::ntt_shuffle());
  for (const char* bad : {"2", "on", "yes", " 1", "AUTO"}) {
    expect_rejected("GPUEXEC_NTT_SHUFFLE", bad, env::ntt_shuffle,
                    std::string("GPUEXEC_NTT_SHUFFLE=") + bad + ": use 1, 0 or auto");
  }
}

TEST_F(Environment, CoalescedIo) {
  set("GPUEXEC_COALESCED_IO", "1");
  EXPECT_EQ(env::coalesced_io(), true);
  set("GPUEXEC_COALESCED_IO", "0");
  EXPECT_EQ(env::coalesced_io(), false);
  set("GPUEXEC_COALESCED_IO", "auto");
  EXPECT_FALSE(env::coalesced_io());
  for (const char* bad : {"yes", "2", " 1", "01", "AUTO"}) {
    expect_rejected("GPUEXEC_COALESCED_IO", bad, env::coalesced_io,
                    std::string("GPUEXEC_COALESCED_IO=") + bad + ": use 1, 0 or auto");
  }
}

TEST_F(Environment, DeviceIndex) {
  set("GPUEXEC_DEVICE", "0");
  EXPECT_EQ(env::device(), 0);
  set("GPUEXEC_DEVICE", "3");
  EXPECT_EQ(env::device(), 3);
  for (const std::string& bad : {std::string("x1"), std::string("-1"), std::string("1x"),
                                 std::string("1,2"), std::string("all"), kOverflow}) {
    expect_rejected("GPUEXEC_DEVICE", bad, env::device,
                    "GPUEXEC_DEVICE=" + bad + ": not a device index");
  }
}

TEST_F(Environment, DeviceList) {
  set("GPUEXEC_DEVICES", "all");
  EXPECT_TRUE(env::devices()->all);
  set("GPUEXEC_DEVICES", "0,1,0");
  EXPECT_FALSE(env::devices()->all);
  EXPECT_EQ(env::devices()->indices, (std::vector<int>{0, 1, 0}));
  set("GPUEXEC_DEVICES", "2");
  EXPECT_EQ(env::devices()->indices, (std::vector<int>{2}));
  for (const std::string& bad : {std::string(","), std::string("0,"), std::string("a"),
                                 std::string("0;1"), std::string("-1"), std::string("1,,2"),
                                 std::string("0x1"), std::string("ALL"), "0," + kOverflow}) {
    expect_rejected("GPUEXEC_DEVICES", bad, env::devices, "GPUEXEC_DEVICES=" + bad + ": item ");
  }
  // The same grammar serves --devices, named as such.
  expect_error([] { env::parse_device_list("0,x", "--devices"); }, ErrorCode::InvalidArgument,
               "--devices=0,x: item 2 ('x') is not a device index");
}

TEST_F(Environment, DataPath) {
  set("GPU_DEVICE_LOCAL", "1");
  EXPECT_EQ(env::data_path(), DataPath::DeviceLocal);
  set("GPU_DEVICE_LOCAL", "0");
  EXPECT_EQ(env::data_path(), DataPath::HostVisible);
  for (const char* bad : {"2", "yes", "true", " 1", "-1", "1x"}) {
    expect_rejected("GPU_DEVICE_LOCAL", bad, env::data_path,
                    std::string("GPU_DEVICE_LOCAL=") + bad + ": use 1");
  }
}

TEST_F(Environment, Kernel) {
  const std::pair<const char*, KernelVariant> good[] = {
      {"auto", KernelVariant::Auto},        {"u64", KernelVariant::U64},
      {"u64v", KernelVariant::U64Vec},      {"u32", KernelVariant::U32},
      {"u32c", KernelVariant::U32Carry},    {"u32w", KernelVariant::U32Wide},
      {"u64u", KernelVariant::U64Unrolled}, {"u28w", KernelVariant::U28Wide}};
  for (const auto& [word, variant] : good) {
    set("GPUEXEC_KERNEL", word);
    EXPECT_EQ(env::kernel(), variant) << word;
  }
  for (const char* bad : {"fast", "U64", "u64 ", "-1", "u16"}) {
    expect_rejected("GPUEXEC_KERNEL", bad, env::kernel,
                    std::string("GPUEXEC_KERNEL=") + bad +
                        ": use u64, u64v, u64u, u32, u32c, u32w, u28w or auto");
  }
}

TEST_F(Environment, ByteSize) {
  const std::pair<const char*, uint64_t> good[] = {
      {"1", 1},           {"4096", 4096},     {"64K", 64ull << 10},
      {"3m", 3ull << 20}, {"2G", 2ull << 30}, {"17179869183G", 17179869183ull << 30}};
  for (const auto& [text, bytes] : good) {
    set("GPUEXEC_MAX_DEVICE_MEMORY", text);
    EXPECT_EQ(env::max_device_memory(), bytes) << text;
  }
  for (const std::string& bad :
       {std::string("0"), std::string("0K"), std::string("-1"), std::string("K"),
        std::string("1KB"), std::string("1T"), std::string("lots"), std::string("1.5G"),
        std::string("17179869184G"), kOverflow}) {
    expect_rejected("GPUEXEC_MAX_DEVICE_MEMORY", bad, env::max_device_memory,
                    "GPUEXEC_MAX_DEVICE_MEMORY=" + bad + ": not a byte count >= 1");
  }
}

TEST_F(Environment, Words) {
  set("GPUEXEC_HOST_INPUT_MEMORY", "default");
  EXPECT_EQ(env::host_input_memory(), env::HostInputMemory::Default);
  set("GPUEXEC_HOST_INPUT_MEMORY", "cached");
  EXPECT_EQ(env::host_input_memory(), env::HostInputMemory::Cached);
  set("GPUEXEC_FENCE_WAIT", "spin");
  EXPECT_EQ(env::fence_wait(), env::FenceWait::Spin);
  set("GPUEXEC_FENCE_WAIT", "block");
  EXPECT_EQ(env::fence_wait(), env::FenceWait::Block);
  ::unsetenv("GPUEXEC_FENCE_WAIT");
  for (const char* bad : {"bar", "Cached", "1", "-1", "cached "}) {
    expect_rejected("GPUEXEC_HOST_INPUT_MEMORY", bad, env::host_input_memory,
                    std::string("GPUEXEC_HOST_INPUT_MEMORY=") + bad + ": expected");
  }
  for (const char* bad : {"busy", "SPIN", "0", "-1", "spinx", "1"}) {
    expect_rejected("GPUEXEC_FENCE_WAIT", bad, env::fence_wait,
                    std::string("GPUEXEC_FENCE_WAIT=") + bad + ": use spin, block");
  }
  set("GPUEXEC_CPU_ARITH", "portable");
  EXPECT_EQ(env::cpu_arith(), env::CpuArithChoice::Portable);
  set("GPUEXEC_CPU_ARITH", "auto");
  EXPECT_EQ(env::cpu_arith(), env::CpuArithChoice::Auto);
  ::unsetenv("GPUEXEC_CPU_ARITH");
  EXPECT_EQ(env::cpu_arith(), env::CpuArithChoice::Auto);
  for (const char* bad : {"adx", "Portable", "0", "1", "portable "}) {
    expect_rejected("GPUEXEC_CPU_ARITH", bad, env::cpu_arith,
                    std::string("GPUEXEC_CPU_ARITH=") + bad + ": use auto or portable");
  }
}

TEST_F(Environment, FaultSpec) {
  set("GPUEXEC_INJECT_FAULT", "device-lost:3");
  EXPECT_EQ(env::inject_fault()->kind, env::FaultKind::DeviceLost);
  EXPECT_EQ(env::inject_fault()->at, 3u);
  set("GPUEXEC_INJECT_FAULT", "device-oom:1");
  EXPECT_EQ(env::inject_fault()->kind, env::FaultKind::DeviceOutOfMemory);
  set("GPUEXEC_INJECT_FAULT", "host-oom:7");
  EXPECT_EQ(env::inject_fault()->kind, env::FaultKind::HostOutOfMemory);
  for (const std::string& bad :
       {std::string("device-lost"), std::string("device-lost:"), std::string("device-lost:0"),
        std::string("device-lost:-1"), std::string("device-lost:3x"), std::string("lost:1"),
        "device-lost:" + kOverflow}) {
    expect_rejected("GPUEXEC_INJECT_FAULT", bad, env::inject_fault,
                    "GPUEXEC_INJECT_FAULT: expected device-lost:N, device-oom:N or host-oom:N "
                    "with N >= 1, got '" +
                        bad + "'");
  }
}

TEST_F(Environment, PathsAreTakenAsTheyAre) {
  set("XDG_CACHE_HOME", "/some/where");
  EXPECT_EQ(env::xdg_cache_home(), fs::path("/some/where"));
  set("HOME", "relative dir");
  EXPECT_EQ(env::home(), fs::path("relative dir"));
}

// A value is shown on one line: control bytes escaped, long values cut.
TEST_F(Environment, MessagesStayOnOneLine) {
  expect_rejected("GPUEXEC_FENCE_WAIT", "spin\nblock", env::fence_wait,
                  "GPUEXEC_FENCE_WAIT=spin\\x0ablock: ");
  const std::string long_value(1000, 'x');
  set("GPUEXEC_KERNEL", long_value);
  try {
    env::kernel();
    ADD_FAILURE() << "accepted";
  } catch (const Error& e) {
    EXPECT_LT(std::string(e.what()).size(), 200u) << e.what();
  }
}

// Each table entry's check validates its own variable.
TEST_F(Environment, EveryCheckedVariableFailsCheckAll) {
  for (const env::Variable& v : env::variables()) {
    if (v.type == env::Type::Path) continue;  // any directory name is accepted
    const std::string name(v.name);
    set(name.c_str(), "garbage");
    expect_error([] { env::check_all(); }, ErrorCode::InvalidArgument, name);
    ::unsetenv(name.c_str());
  }
}

TEST(EnvironmentTable, NamesAreUniqueAndDescribed) {
  std::set<std::string_view> names;
  for (const env::Variable& v : env::variables()) {
    EXPECT_TRUE(names.insert(v.name).second) << v.name;
    EXPECT_FALSE(v.values.empty() || v.fallback.empty() || v.meaning.empty()) << v.name;
  }
}

std::string slurp(const fs::path& p) {
  std::ifstream in(p, std::ios::binary);
  std::stringstream s;
  s << in.rdbuf();
  return s.str();
}

TEST(EnvironmentTable, ReadmeHoldsTheTable) {
  const std::string readme = slurp(fs::path(GPUEXEC_SOURCE_DIR) / "README.md");
  ASSERT_FALSE(readme.empty());
  EXPECT_NE(readme.find(env::markdown_table()), std::string::npos)
      << "README.md's environment table differs from src/config/environment_table.cpp; "
         "it should read:\n"
      << env::markdown_table();
}

// Only the environment module reads the environment.
TEST(EnvironmentTable, NoGetenvOutsideTheModule) {
  const fs::path root(GPUEXEC_SOURCE_DIR);
  const std::set<std::string> allowed = {"src/config/environment.cpp"};
  for (const char* dir : {"src", "tools"}) {
    for (const auto& entry : fs::recursive_directory_iterator(root / dir)) {
      if (!entry.is_regular_file()) continue;
      const fs::path rel = fs::relative(entry.path(), root);
      if (allowed.count(rel.string())) continue;
      EXPECT_EQ(slurp(entry.path()).find("getenv("), std::string::npos) << rel;
    }
  }
}

}  // namespace
}  // namespace gpuexec::test
