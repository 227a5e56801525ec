// gpuexec run --field fr, validate --field fr and gpuexec ntt on real files: exact results (GMP
// for the NTT), and every bad input a clear one-line error with exit 2 and the old output kept.
#include <gtest/gtest.h>

#include <random>

#include "cli_harness.hpp"
#include "fr_oracle.hpp"
#include "gpuexec/fr_encoding.hpp"
#include "gpuexec/fr_samples.hpp"
#include "random_vectors.hpp"

namespace gpuexec::test {
namespace {

std::string hex_file(const std::vector<Fr>& v) {
  std::string s;
  for (const Fr& x : v) s += fr_to_hex(x) + "\n";
  return s;
}

std::string bin_file(const std::vector<Fr>& v) {
  std::string s(v.size() * kFrBytes, '\0');
  for (std::size_t i = 0; i < v.size(); ++i) {
    fr_to_be_bytes(v[i], std::span<uint8_t, kFrBytes>(
                             reinterpret_cast<uint8_t*>(s.data()) + i * kFrBytes, kFrBytes));
  }
  return s;
}

class CliFr : public ::testing::TestWithParam<const char*> {};

TEST_P(CliFr, RunAddAndMulHexAndBin) {
  ScratchDir dir;
  const auto a = random_fr(3000, 1), b = random_fr(3000, 2);
  const FrOracle g;
  write_bytes(dir.path("a.hex"), hex_file(a));
  write_bytes(dir.path("b.hex"), hex_file(b));
  write_bytes(dir.path("a.bin"), bin_file(a));
  write_bytes(dir.path("b.bin"), bin_file(b));
  std::vector<Fr> sum(a.size()), prod(a.size());
  for (std::size_t i = 0; i < a.size(); ++i)
    sum[i] = g.add(a[i], b[i]), prod[i] = g.mul(a[i], b[i]);
  auto r = run_cli({"run", "--field", "fr", "--op", "add", "--a", dir.file("a.hex"), "--b",
                    dir.file("b.hex"), "--out", dir.file("o.hex"), "--backend", GetParam()});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(read_bytes(dir.path("o.hex")), hex_file(sum));
  r = run_cli({"run", "--field", "fr", "--op", "mul", "--format", "bin", "--a", dir.file("a.bin"),
               "--b", dir.file("b.bin"), "--out", dir.file("o.bin"), "--backend", GetParam()});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(read_bytes(dir.path("o.bin")), bin_file(prod));
}

TEST_P(CliFr, ValidateFr) {
  const auto r = run_cli({"validate", "--field", "fr", "--n", "5000", "--backend", GetParam()});
  EXPECT_EQ(r.exit_code, 0) << r.err;
  EXPECT_NE(r.out.find("field: fr"), std::string::npos) << r.out;
}

TEST_P(CliFr, NttForwardInverseCosetAndBatchAgainstGmp) {
  ScratchDir dir;
  const FrOracle g;
  const auto x = random_fr(64, 7);
  write_bytes(dir.path("x.hex"), hex_file(x));
  auto r = run_cli({"ntt", "--in", dir.file("x.hex"), "--out", dir.file("y.hex"), "--coset", "5",
                    "--backend", GetParam()});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(read_bytes(dir.path("y.hex")), hex_file(g.dft(x, fr::from_u64(5), false)));
  r = run_cli({"ntt", "--inverse", "--coset", "0x5", "--in", dir.file("y.hex"), "--out",
               dir.file("z.hex"), "--backend", GetParam()});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(read_bytes(dir.path("z.hex")), hex_file(x));

  // Four vectors of 16 in bin.
  write_bytes(dir.path("x.bin"), bin_file(x));
  r = run_cli({"ntt", "--batch", "4", "--format", "bin", "--in", dir.file("x.bin"), "--out",
               dir.file("y.bin"), "--backend", GetParam()});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  std::vector<Fr> want;
  for (std::size_t v = 0; v < 4; ++v) {
    const auto y = g.dft({x.begin() + 16 * v, x.begin() + 16 * (v + 1)}, fr::kOne, false);
    want.insert(want.end(), y.begin(), y.end());
  }
  EXPECT_EQ(read_bytes(dir.path("y.bin")), bin_file(want));
}

INSTANTIATE_TEST_SUITE_P(Backends, CliFr, ::testing::Values("cpu", "vulkan"));

struct BadNtt {
  const char* name;
  std::string input;  // contents of in.hex
  std::vector<std::string> extra;
  const char* says;
};

TEST(CliNtt, BadInputIsExitTwoOneLineAndTheOutputKept) {
  const std::string r_hex = "0x73eda753299d7d483339d80809a1d80553bda402fffe5bfeffffffff00000001";
  const std::vector<BadNtt> cases = {
      {"not a power of two", "1\n2\n3\n", {}, "in.hex: vector length 3 is not a power of two"},
      {"batch does not divide", "1\n2\n3\n4\n", {"--batch", "3"}, "do not split into --batch 3"},
      {"batch length", "1\n2\n3\n4\n5\n6\n", {"--batch", "2"}, "(6 elements / --batch 2)"},
      {"value >= r", "1\n" + r_hex + "\n", {}, "in.hex:2: value is not below the field modulus r"},
      {"not hex", "1\nxyz\n", {}, "in.hex:2: not a hex digit at column 1"},
      {"too long", "0x1" + std::string(64, '0') + "\n1\n", {}, "at most 64"},
      {"empty", "", {}, "holds no elements"},
      {"zero shift", "1\n2\n", {"--coset", "0"}, "--coset"},
      {"shift >= r", "1\n2\n", {"--coset", r_hex}, "not below the field modulus r"},
      {"decimal shift beyond 2^256", "1\n2\n", {"--coset", std::string(80, '9')}, "--coset"},
      {"bad shift digit", "1\n2\n", {"--coset", "12a"}, "not a decimal digit"},
  };
  for (const BadNtt& c : cases) {
    ScratchDir dir;
    write_bytes(dir.path("in.hex"), c.input);
    write_bytes(dir.path("out.hex"), "old output\n");
    std::vector<std::string> args = {
        "ntt", "--in", dir.file("in.hex"), "--out", dir.file("out.hex"), "--backend", "cpu"};
    args.insert(args.end(), c.extra.begin(), c.extra.end());
    const auto r = run_cli(args);
    EXPECT_EQ(r.exit_code, 2) << c.name << ": " << r.err;
    EXPECT_EQ(line_count(r.err), 1) << c.name << ": " << r.err;
    EXPECT_NE(r.err.find(c.says), std::string::npos) << c.name << ": " << r.err;
    EXPECT_EQ(read_bytes(dir.path("out.hex")), "old output\n") << c.name;
    EXPECT_EQ(dir.entries().size(), 2u) << c.name;  // no temporary left
  }
  ScratchDir dir;
  const auto r = run_cli({"ntt", "--in", dir.file("missing.hex"), "--out", dir.file("o.hex")});
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_NE(r.err.find("missing.hex"), std::string::npos) << r.err;
  // A bin file of a partial element names the file and the element.
  write_bytes(dir.path("part.bin"), std::string(40, '\1'));
  const auto p = run_cli({"ntt", "--format", "bin", "--in", dir.file("part.bin"), "--out",
                          dir.file("o.bin"), "--backend", "cpu"});
  EXPECT_EQ(p.exit_code, 2);
  EXPECT_NE(p.err.find("part.bin: element 1: truncated"), std::string::npos) << p.err;
}

}  // namespace
}  // namespace gpuexec::test
