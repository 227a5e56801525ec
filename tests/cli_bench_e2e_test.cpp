// bench e2e at a tiny size: `run` as a child beside its I/O floor, the JSON fields, the scratch
// directory gone afterwards, also when a child fails.
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>
#include <set>

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
}  // namespace
}  // namespace gpuexec::test
