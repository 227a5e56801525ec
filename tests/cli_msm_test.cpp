// gpuexec msm on real files: exact results in both encodings and formats, shared and per-MSM
// points, and every bad input (flags, coordinates, curve, subgroup, scalars, counts) a clear
// one-line error with exit 2 and the old output kept.
#include <gtest/gtest.h>

#include "cli_harness.hpp"
#include "g1_samples.hpp"
#include "gpuexec/fr_encoding.hpp"
#include "gpuexec/g1_encoding.hpp"
#include "gpuexec/hex_codec.hpp"

namespace gpuexec::test {
namespace {

std::string encode(const G1Affine& p, bool compressed) {
  std::string s(compressed ? 48 : 96, '\0');
  auto* b = reinterpret_cast<uint8_t*>(s.data());
  if (compressed) {
    g1_to_compressed(p, std::span<uint8_t, 48>(b, 48));
  } else {
    g1_to_uncompressed(p, std::span<uint8_t, 96>(b, 96));
  }
  return s;
}

std::string hex_line(const std::string& bytes) {
  std::string line(2 + 2 * bytes.size(), '0');
  be_bytes_to_hex({reinterpret_cast<const uint8_t*>(bytes.data()), bytes.size()}, line);
  return line + "\n";
}

std::string points_file(std::span<const G1Affine> points, bool compressed, bool hex) {
  std::string s;
  for (const G1Affine& p : points)
    s += hex ? hex_line(encode(p, compressed)) : encode(p, compressed);
  return s;
}

std::string scalars_file(std::span<const Scalar> scalars, bool hex) {
  std::string s;
  for (const Scalar& k : scalars) {
    std::string be(32, '\0');
    for (int i = 0; i < 32; ++i) be[i] = static_cast<char>(k.bytes[31 - i]);
    s += hex ? hex_line(be) : be;
  }
  return s;
}

G1Affine affine(const G1Jacobian& p) {
  return g1::to_affine(p);
}

class CliMsm : public ::testing::TestWithParam<const char*> {};

TEST_P(CliMsm, ExactInEveryEncodingAndFormat) {
  std::mt19937_64 rng(3);
  const std::size_t n = 30, batch = 2;
  const auto points = random_points(batch * n, rng);
  std::vector<Scalar> scalars(batch * n);
  for (auto& s : scalars) s = random_scalar(rng);
  ScratchDir dir;
  for (bool compressed : {false, true}) {
    for (bool hex : {true, false}) {
      // The device in two of the four (files are read and written alike for every backend).
      if (std::string(GetParam()) == "vulkan" && compressed == hex) continue;
      const std::string fmt = hex ? "hex" : "bin", enc = compressed ? "compressed" : "uncompressed";
      write_bytes(dir.path("p"), points_file(std::span(points).first(n), compressed, hex));
      write_bytes(dir.path("pp"), points_file(points, compressed, hex));
      write_bytes(dir.path("s"), scalars_file(scalars, hex));
      for (const char* pts : {"p", "pp"}) {
        const auto r = run_cli({"msm", "--points", dir.file(pts), "--scalars", dir.file("s"),
                                "--out", dir.file("o"), "--batch", "2", "--format", fmt,
                                "--point-encoding", enc, "--backend", GetParam()});
        ASSERT_EQ(r.exit_code, 0) << r.err;
        std::string want;
        for (std::size_t j = 0; j < batch; ++j) {
          const std::size_t first = std::string(pts) == "p" ? 0 : j * n;
          want +=
              hex ? hex_line(encode(
                        affine(naive_msm({points.data() + first, n}, {scalars.data() + j * n, n})),
                        compressed))
                  : encode(
                        affine(naive_msm({points.data() + first, n}, {scalars.data() + j * n, n})),
                        compressed);
        }
        EXPECT_EQ(read_bytes(dir.path("o")), want) << enc << " " << fmt << " " << pts;
      }
    }
  }
}

INSTANTIATE_TEST_SUITE_P(Backends, CliMsm, ::testing::Values("cpu", "vulkan"));

TEST(CliMsmErrors, BadInputIsExitTwoOneLineAndTheOutputKept) {
  std::mt19937_64 rng(4);
  const auto points = random_points(4, rng);
  std::vector<Scalar> scalars(4);
  for (auto& s : scalars) s = random_scalar(rng);
  const std::string good = points_file(points, false, false);
  const auto with = [&](std::size_t at, std::size_t byte, uint8_t value) {
    std::string s = good;
    s[96 * at + byte] = static_cast<char>(value);
    return s;
  };
  std::string off_curve = good;
  off_curve[96 * 2 + 95] ^= 1;                                    // y's last bit
  const G1Affine order3{fp::kZero, fp::to_montgomery(Limbs{2})};  // on the curve, not in G1
  std::string outside = good;
  outside.replace(96 * 3, 96, encode(order3, false));
  std::string big_scalar = scalars_file(scalars, false);
  big_scalar.replace(32, 32, std::string(32, '\xff'));
  struct Case {
    const char* name;
    std::string points, scalars;
    const char* batch;
    const char* says;
  };
  const std::string sc = scalars_file(scalars, false);
  const std::vector<Case> cases = {
      {"compression flag", with(1, 0, good[96] | 0x80), sc, "1", "p.bin: element 1:"},
      {"coordinate >= p", with(0, 0, 0x1f), sc, "1", "p.bin: element 0:"},
      {"not on the curve", off_curve, sc, "1", "p.bin: element 2:"},
      {"not in G1", outside, sc, "1", "p.bin: element 3:"},
      {"scalar >= r", good, big_scalar, "1",
       "s.bin: element 1: value is not below the field modulus r"},
      {"counts", good, sc.substr(0, 96), "1", "p.bin: holds 4 points, but"},
      {"batch", good, sc.substr(0, 96), "2", "do not split into --batch 2"},
      {"truncated", good.substr(0, 100), sc, "1", "p.bin: element 1: truncated"},
  };
  for (const Case& c : cases) {
    ScratchDir dir;
    write_bytes(dir.path("p.bin"), c.points);
    write_bytes(dir.path("s.bin"), c.scalars);
    write_bytes(dir.path("o.bin"), "old");
    const auto r = run_cli({"msm", "--format", "bin", "--points", dir.file("p.bin"), "--scalars",
                            dir.file("s.bin"), "--out", dir.file("o.bin"), "--batch", c.batch,
                            "--backend", "cpu"});
    EXPECT_EQ(r.exit_code, 2) << c.name << ": " << r.err;
    EXPECT_EQ(line_count(r.err), 1) << c.name << ": " << r.err;
    EXPECT_NE(r.err.find(c.says), std::string::npos) << c.name << ": " << r.err;
    EXPECT_EQ(read_bytes(dir.path("o.bin")), "old") << c.name;
    EXPECT_EQ(dir.entries().size(), 3u) << c.name;
  }
  // The subgroup reason in words, and the line of a hex file.
  ScratchDir dir;
  write_bytes(dir.path("p.hex"),
              points_file(points, false, true) + hex_line(encode(order3, false)));
  write_bytes(dir.path("s.hex"),
              scalars_file(scalars, true) + scalars_file({scalars.data(), 1}, true));
  const auto r = run_cli({"msm", "--points", dir.file("p.hex"), "--scalars", dir.file("s.hex"),
                          "--out", dir.file("o.hex"), "--backend", "cpu"});
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_NE(r.err.find("p.hex:5: point 4:"), std::string::npos) << r.err;
  EXPECT_NE(r.err.find("subgroup"), std::string::npos) << r.err;
}

// gpuexec gen makes the inputs of the README's worked example: points in G1 (msm checks them)
// and scalars; the same seed gives the same files; every backend gives the same result.
TEST(CliGen, PointsAndScalarsFeedMsm) {
  ScratchDir dir;
  for (const char* enc : {"uncompressed", "compressed"}) {
    for (const char* fmt : {"hex", "bin"}) {
      auto r = run_cli({"gen", "points", "500", "--out", dir.file("p"), "--format", fmt,
                        "--point-encoding", enc, "--seed", "5"});
      ASSERT_EQ(r.exit_code, 0) << r.err;
      r = run_cli({"gen", "points", "500", "--out", dir.file("p2"), "--format", fmt,
                   "--point-encoding", enc, "--seed", "5"});
      ASSERT_EQ(r.exit_code, 0) << r.err;
      EXPECT_EQ(read_bytes(dir.path("p")), read_bytes(dir.path("p2")));
      r = run_cli({"gen", "scalars", "1000", "--out", dir.file("s"), "--format", fmt});
      ASSERT_EQ(r.exit_code, 0) << r.err;
      // The device once (its passes take long to build on lavapipe); the CPU in every format.
      const bool device_too = enc[0] == 'u' && fmt[0] == 'h';
      std::string results[2];
      for (int b = 0; b < (device_too ? 2 : 1); ++b) {
        r = run_cli({"msm", "--points", dir.file("p"), "--scalars", dir.file("s"), "--batch", "2",
                     "--format", fmt, "--point-encoding", enc, "--out", dir.file("o"), "--backend",
                     b ? "vulkan" : "cpu"});
        ASSERT_EQ(r.exit_code, 0) << r.err;
        results[b] = read_bytes(dir.path("o"));
      }
      if (device_too) {
        EXPECT_EQ(results[0], results[1]) << enc << " " << fmt;
      }
      EXPECT_EQ(results[0].size(), std::string(fmt) == "bin" ? 2 * (enc[0] == 'u' ? 96u : 48u)
                                                             : 2 * (enc[0] == 'u' ? 195u : 99u));
    }
  }
  const auto bad = run_cli({"gen", "points", "-3", "--out", dir.file("x")});
  EXPECT_EQ(bad.exit_code, 2);
}

// GPUEXEC_DEVICES=0,0: an MSM of 2^14 + 1 points has its bases split over the two devices, a
// batch of NTTs its vectors; the outputs are the CPU backend's, byte for byte.
TEST(CliDevices, MsmAndNttBatchesOverTwoDevices) {
  ScratchDir dir;
  ASSERT_EQ(run_cli({"gen", "points", "16385", "--out", dir.file("p")}).exit_code, 0);
  ASSERT_EQ(run_cli({"gen", "scalars", "32770", "--out", dir.file("s")}).exit_code, 0);
  ASSERT_EQ(run_cli({"gen", "scalars", "32768", "--out", dir.file("f")}).exit_code, 0);  // 4 x 2^13
  const std::vector<std::string> two = {"GPUEXEC_DEVICES=0,0"};
  std::string outputs[2][2];
  for (int b = 0; b < 2; ++b) {
    const std::string backend = b ? "vulkan" : "cpu";
    auto r = run_cli({"msm", "--points", dir.file("p"), "--scalars", dir.file("s"), "--batch", "2",
                      "--out", dir.file("m"), "--backend", backend},
                     two);
    ASSERT_EQ(r.exit_code, 0) << r.err;
    outputs[b][0] = read_bytes(dir.path("m"));
    r = run_cli({"ntt", "--in", dir.file("f"), "--out", dir.file("n"), "--batch", "4", "--backend",
                 backend},
                two);
    ASSERT_EQ(r.exit_code, 0) << r.err;
    outputs[b][1] = read_bytes(dir.path("n"));
  }
  EXPECT_EQ(outputs[0][0], outputs[1][0]);
  EXPECT_EQ(outputs[0][1], outputs[1][1]);
}

}  // namespace
}  // namespace gpuexec::test
