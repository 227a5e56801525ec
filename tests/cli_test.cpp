// The gpuexec binary on real files: exact results against GMP in both formats, and every bad input
// rejected with exit 2, one line naming file and position, and nothing clobbered.
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>
#include <random>
#include <set>

#include "cli_harness.hpp"
#include "gmp_oracle.hpp"
#include "gpuexec/fp_samples.hpp"

namespace gpuexec::test {
namespace {

// Canonical values as GMP integers: all edge values, then GMP-drawn random ones.
std::vector<Mpz> sample_values(const GmpOracle& oracle, std::size_t n, unsigned long seed) {
  std::vector<Mpz> out;
  for (const Fp& e : fp_edge_values()) out.push_back(oracle.value(e));
  gmp_randstate_t state;
  gmp_randinit_mt(state);
  gmp_randseed_ui(state, seed);
  while (out.size() < n) {
    Mpz z;
    mpz_urandomm(z.v, state, oracle.p().v);
    out.push_back(z);
  }
  gmp_randclear(state);
  return out;
}

std::string hex96(const Mpz& z) {
  std::string h = GmpOracle::hex(z);
  return "0x" + std::string(96 - h.size(), '0') + h;
}

std::string bin48(const Mpz& z) {
  std::string out(48, '\0');
  uint8_t tmp[56] = {};
  size_t count = 0;
  mpz_export(tmp, &count, 1, 1, 1, 0, z.v);
  std::copy(tmp, tmp + count, out.begin() + (48 - count));
  return out;
}

// Hex in the many spellings a user may write: prefixes, case, no padding, blank lines, CRLF.
std::string loose_hex_file(const std::vector<Mpz>& values) {
  std::string s;
  for (std::size_t i = 0; i < values.size(); ++i) {
    std::string h = GmpOracle::hex(values[i]);
    switch (i % 5) {
      case 0:
        s += "0x" + h + "\n";
        break;
      case 1:
        for (auto& c : h) c = static_cast<char>(toupper(c));
        s += "0X" + h + "\r\n";
        break;
      case 2:
        s += "  " + h + "  \n\n";
        break;
      case 3:
        s += hex96(values[i]) + "\n";
        break;
      default:
        s += h + "\n";
        break;
    }
  }
  return s;
}

// Each exactness test runs on the CPU backend and on Vulkan (under the validation layers).
class CliRun : public ::testing::TestWithParam<std::string> {
 protected:
  CliResult run(std::vector<std::string> args) {
    args.push_back("--backend");
    args.push_back(GetParam());
    CliResult r = run_cli(args, {"GPUEXEC_VALIDATION=1"});
    EXPECT_EQ(r.err, "") << "a clean run prints nothing on stderr";
    return r;
  }

  GmpOracle oracle;
  ScratchDir dir;
  const std::size_t n = 1500;
  std::vector<Mpz> a = sample_values(oracle, n, 1), b = sample_values(oracle, n, 2);

  Mpz expected(const std::string& op, std::size_t i) const {
    Mpz r;
    if (op == "add") mpz_add(r.v, a[i].v, b[i].v);
    if (op == "sub") mpz_sub(r.v, a[i].v, b[i].v);
    if (op == "mul") mpz_mul(r.v, a[i].v, b[i].v);
    mpz_mod(r.v, r.v, oracle.p().v);
    return r;
  }
};

TEST_P(CliRun, HexExactAgainstGmp) {
  write_bytes(dir.path("a.hex"), loose_hex_file(a));
  write_bytes(dir.path("b.hex"), loose_hex_file(b));
  for (std::string op : {"add", "sub", "mul"}) {
    auto r = run({"run", "--op", op, "--a", dir.file("a.hex"), "--b", dir.file("b.hex"), "--out",
                  dir.file("c.hex")});
    ASSERT_EQ(r.exit_code, 0) << r.err;
    std::string want;
    for (std::size_t i = 0; i < n; ++i) want += hex96(expected(op, i)) + "\n";
    EXPECT_EQ(read_bytes(dir.path("c.hex")), want) << op;
  }
}

TEST_P(CliRun, BinExactAgainstGmp) {
  std::string abin, bbin;
  for (std::size_t i = 0; i < n; ++i) {
    abin += bin48(a[i]);
    bbin += bin48(b[i]);
  }
  write_bytes(dir.path("a.bin"), abin);
  write_bytes(dir.path("b.bin"), bbin);
  for (std::string op : {"add", "sub", "mul"}) {
    auto r = run({"run", "--op", op, "--a", dir.file("a.bin"), "--b", dir.file("b.bin"), "--out",
                  dir.file("c.bin"), "--format", "bin"});
    ASSERT_EQ(r.exit_code, 0) << r.err;
    std::string want;
    for (std::size_t i = 0; i < n; ++i) want += bin48(expected(op, i));
    EXPECT_EQ(read_bytes(dir.path("c.bin")), want) << op;
  }
}

TEST_P(CliRun, ZeroElementsIsAnEmptyJob) {
  write_bytes(dir.path("a.hex"), "");
  write_bytes(dir.path("b.hex"), "\n\n");
  auto r = run({"run", "--op", "mul", "--a", dir.file("a.hex"), "--b", dir.file("b.hex"), "--out",
                dir.file("c.hex")});
  EXPECT_EQ(r.exit_code, 0) << r.err;
  EXPECT_TRUE(std::filesystem::exists(dir.path("c.hex")));
  EXPECT_EQ(read_bytes(dir.path("c.hex")), "");
}

INSTANTIATE_TEST_SUITE_P(Backends, CliRun, ::testing::Values("cpu", "vulkan", "auto"));

// One bad-input case: the files to write, the run's format, and what the error line must contain.
struct BadInput {
  std::string name;
  std::string a, b;  // contents of the input files
  std::string format;
  std::string must_name;      // the file the message names
  std::string must_position;  // e.g. ":3:" or "element 2"
  std::string must_reason;
};

void PrintTo(const BadInput& c, std::ostream* os) {
  *os << c.name;
}

class CliBadInput : public ::testing::TestWithParam<BadInput> {};

const std::string kP =
    "1a0111ea397fe69a4b1ba7b6434bacd764774b84f38512bf6730d2a0f6b0f6241eabfffeb153ffffb9feffffffffaa"
    "ab";
const std::string kOneBin = std::string(47, '\0') + "\x01";
const std::string kPBin = [] {
  std::string s;
  for (std::size_t i = 0; i < kP.size(); i += 2)
    s += static_cast<char>(std::stoi(kP.substr(i, 2), nullptr, 16));
  return s;
}();

TEST_P(CliBadInput, ExitTwoOneLineNothingClobbered) {
  const BadInput& c = GetParam();
  ScratchDir dir;
  const std::string ext = c.format == "bin" ? ".bin" : ".hex";
  write_bytes(dir.path("a" + ext), c.a);
  write_bytes(dir.path("b" + ext), c.b);
  write_bytes(dir.path("out" + ext), "precious\n");
  auto r = run_cli({"run", "--op", "add", "--a", dir.file("a" + ext), "--b", dir.file("b" + ext),
                    "--out", dir.file("out" + ext), "--format", c.format, "--backend", "cpu"});
  EXPECT_EQ(r.exit_code, 2) << r.err;
  EXPECT_EQ(line_count(r.err), 1) << r.err;
  EXPECT_NE(r.err.find(c.must_name + ext), std::string::npos) << r.err;
  EXPECT_NE(r.err.find(c.must_position), std::string::npos) << r.err;
  EXPECT_NE(r.err.find(c.must_reason), std::string::npos) << r.err;
  EXPECT_EQ(read_bytes(dir.path("out" + ext)), "precious\n");
  EXPECT_EQ(dir.entries().size(), 3u) << "a temporary file was left behind";
}

INSTANTIATE_TEST_SUITE_P(
    Cases, CliBadInput,
    ::testing::Values(BadInput{"HexValueIsP", "1\n2\n0x" + kP + "\n", "1\n2\n3\n", "hex", "a",
                               ":3:", "non-canonical"},
                      BadInput{"HexAbove", "1\n", "0xffff" + kP.substr(4) + "\n", "hex", "b",
                               ":1:", "non-canonical"},
                      BadInput{"HexNotHex", "1\n\n0x12z\n", "1\n2\n", "hex", "a",
                               ":3:", "not a hex digit"},
                      BadInput{"HexTooLong", "1\n" + std::string(97, '1') + "\n", "1\n2\n", "hex",
                               "a", ":2:", "too long"},
                      BadInput{"HexEmptyPrefix", "0x\n", "1\n", "hex", "a", ":1:", "no hex digits"},
                      BadInput{"HexBinaryData", std::string("1\n\0\x01\n", 5), "1\n2\n", "hex", "a",
                               ":2:", "NUL"},
                      BadInput{"HexCountMismatch", "1\n2\n3\n", "1\n2\n", "hex", "b", "element 2",
                               "holds 2 elements"},
                      BadInput{"BinTruncated", kOneBin + kOneBin.substr(0, 20), kOneBin + kOneBin,
                               "bin", "a", "element 1", "multiple of 48"},
                      BadInput{"BinNonCanonical", kOneBin + kOneBin, kOneBin + kPBin, "bin", "b",
                               "element 1", "non-canonical"},
                      BadInput{"BinCountMismatch", kOneBin, kOneBin + kOneBin, "bin", "a",
                               "element 1", "holds 1 elements"}),
    [](const auto& info) { return info.param.name; });

TEST(CliErrors, MissingInputFile) {
  ScratchDir dir;
  write_bytes(dir.path("b.hex"), "1\n");
  auto r = run_cli({"run", "--op", "add", "--a", dir.file("nope.hex"), "--b", dir.file("b.hex"),
                    "--out", dir.file("c.hex")});
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_EQ(line_count(r.err), 1) << r.err;
  EXPECT_NE(r.err.find("nope.hex: cannot open"), std::string::npos) << r.err;
  EXPECT_FALSE(std::filesystem::exists(dir.path("c.hex")));
}

TEST(CliErrors, UnwritableOutput) {
  ScratchDir dir;
  write_bytes(dir.path("a.hex"), "1\n");
  for (std::string out : {dir.file("missing-dir/c.hex"), dir.file("")}) {
    auto r = run_cli({"run", "--op", "add", "--a", dir.file("a.hex"), "--b", dir.file("a.hex"),
                      "--out", out, "--backend", "cpu"});
    EXPECT_EQ(r.exit_code, 2) << out;
    EXPECT_EQ(line_count(r.err), 1) << r.err;
    EXPECT_NE(r.err.find("cannot write output"), std::string::npos) << r.err;
  }
}

TEST(CliErrors, UsageErrorsAreNonZero) {
  ScratchDir dir;
  write_bytes(dir.path("a.hex"), "1\n");
  const std::string a = dir.file("a.hex");
  EXPECT_NE(run_cli({"run", "--op", "div", "--a", a, "--b", a, "--out", dir.file("c")}).exit_code,
            0);
  EXPECT_NE(run_cli({"run", "--op", "add", "--a", a, "--b", a, "--out", dir.file("c"), "--bogus"})
                .exit_code,
            0);
  EXPECT_NE(run_cli({"run", "--op", "add", "--a", a}).exit_code, 0);
  EXPECT_NE(run_cli({"frobnicate"}).exit_code, 0);
  EXPECT_NE(
      run_cli({"run", "--op", "add", "--a", a, "--b", a, "--out", dir.file("c"), "--format", "oct"})
          .exit_code,
      0);
  EXPECT_FALSE(std::filesystem::exists(dir.path("c")));
}

TEST(CliValidate, EveryBackendPasses) {
  for (std::string backend : {"cpu", "vulkan"}) {
    auto r = run_cli({"validate", "--backend", backend, "--n", "5000"}, {"GPUEXEC_VALIDATION=1"});
    EXPECT_EQ(r.exit_code, 0) << r.err;
    EXPECT_EQ(r.err, "");
    for (const char* op : {"add", "sub", "mul"}) EXPECT_NE(r.out.find(op), std::string::npos);
    EXPECT_NE(r.out.find("all results match"), std::string::npos) << r.out;
  }
}

TEST(CliDevices, ListsLavapipeWithInt64) {
  auto r = run_cli({"devices"}, {"GPUEXEC_VALIDATION=1"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(r.err, "");
  EXPECT_NE(r.out.find("(default)"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("int64 yes"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("maxStorageBufferRange"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("maxComputeWorkGroupCount"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("queue families"), std::string::npos) << r.out;
}

TEST(CliDevices, BadDeviceIndexIsAClearError) {
  ScratchDir dir;
  write_bytes(dir.path("a.hex"), "1\n");
  auto r = run_cli({"run", "--op", "add", "--a", dir.file("a.hex"), "--b", dir.file("a.hex"),
                    "--out", dir.file("c.hex"), "--backend", "vulkan", "--device", "42"});
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_EQ(line_count(r.err), 1) << r.err;
  EXPECT_NE(r.err.find("42"), std::string::npos) << r.err;
  EXPECT_FALSE(std::filesystem::exists(dir.path("c.hex")));
}

}  // namespace
}  // namespace gpuexec::test
