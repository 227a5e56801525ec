// The shared test vectors (computed by an independent implementation), when they are present.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <sstream>

#include "gpuexec/fp_encoding.hpp"
#include "gpuexec/op.hpp"

namespace gpuexec {
namespace {

std::filesystem::path vectors_dir() {
  return GPUEXEC_TESTVECTORS_DIR;
}

Fp parse(const std::string& hex) {
  std::string why;
  auto v = fp_from_hex(hex, &why);
  if (!v) throw std::runtime_error(hex + ": " + why);
  return *v;
}

TEST(SharedVectors, FpOps) {
  std::ifstream in(vectors_dir() / "fp_ops.txt");
  if (!in) GTEST_SKIP() << "no shared test vectors at " << vectors_dir();
  std::string line;
  int checked = 0;
  while (std::getline(in, line)) {
    if (line.empty() || line[0] == '#') continue;
    std::istringstream fields(line);
    std::string op, a, b, expected;
    fields >> op >> a >> b >> expected;
    auto parsed = parse_op(op);
    ASSERT_TRUE(parsed.has_value()) << line;
    EXPECT_EQ(fp_to_hex(apply(*parsed, parse(a), parse(b))), expected) << line;
    ++checked;
  }
  EXPECT_GT(checked, 1000);
}

TEST(SharedVectors, MontgomeryLayout) {
  std::ifstream in(vectors_dir() / "fp_montgomery.txt");
  if (!in) GTEST_SKIP() << "no shared test vectors at " << vectors_dir();
  std::string line;
  int checked = 0;
  while (std::getline(in, line)) {
    if (line.empty() || line[0] == '#') continue;
    std::istringstream fields(line);
    std::string value;
    fields >> value;
    Fp expected;
    for (auto& limb : expected.limbs) {
      std::string hex;
      fields >> hex;
      limb = std::stoull(hex, nullptr, 16);
    }
    EXPECT_EQ(parse(value), expected) << line;
    ++checked;
  }
  EXPECT_GT(checked, 10);
}

}  // namespace
}  // namespace gpuexec
