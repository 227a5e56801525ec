// The SPIR-V loader: embedded kernels pass; truncated, misaligned, mutated and foreign blobs fail
// with a clear error naming the blob. And the freshness of the committed blobs.
#include <gtest/gtest.h>

#include <cstring>
#include <filesystem>
#include <set>

#include "cli_harness.hpp"
#include "gpuexec/error.hpp"
#include "spirv/kernel_catalog.hpp"
#include "spirv/spirv_loader.hpp"

namespace gpuexec::test {
namespace {

using spirv::load_spirv;

std::vector<uint32_t> words_of(Op op) {
  const auto bytes = spirv::kernel_info(spirv::elementwise_kernel(op, KernelVariant::U64)).spirv;
  std::vector<uint32_t> w(bytes.size() / 4);
  std::memcpy(w.data(), bytes.data(), bytes.size());
  return w;
}

std::span<const uint8_t> as_bytes(const std::vector<uint32_t>& w) {
  return {reinterpret_cast<const uint8_t*>(w.data()), w.size() * 4};
}

void expect_rejected(std::span<const uint8_t> bytes, const std::string& fragment) {
  try {
    load_spirv(bytes, "blob.spv");
    ADD_FAILURE() << "accepted; expected: " << fragment;
  } catch (const Error& e) {
    EXPECT_EQ(e.code(), ErrorCode::InvalidArgument);
    const std::string msg = e.what();
    EXPECT_NE(msg.find("blob.spv"), std::string::npos) << msg;
    EXPECT_NE(msg.find(fragment), std::string::npos) << msg;
  }
}

TEST(SpirvLoader, EmbeddedKernelsLoad) {
  // three variants of add, sub, mul and mad over Fp and Fr, on Montgomery limbs and on
  // big-endian bytes
  ASSERT_GE(spirv::kernel_infos().size(), 48u);
  for (const spirv::KernelInfo& k : spirv::kernel_infos()) {
    const auto module = load_spirv(k.spirv, std::string(k.name));
    EXPECT_EQ(module.words[0], spirv::kMagic);
    EXPECT_GT(module.words.size(), 100u);
  }
}

TEST(SpirvLoader, RejectsTruncated) {
  const auto w = words_of(Op::Mul);
  const auto bytes = as_bytes(w);
  expect_rejected(bytes.subspan(0, 0), "too short");
  expect_rejected(bytes.subspan(0, 16), "too short");
  expect_rejected(bytes.subspan(0, bytes.size() - 2), "multiple of 4");
  expect_rejected(bytes.subspan(0, bytes.size() / 2), "fails validation");
  expect_rejected(bytes.subspan(0, 20), "fails validation");  // a header and nothing else
}

TEST(SpirvLoader, RejectsMisaligned) {
  const auto w = words_of(Op::Add);
  std::vector<uint8_t> shifted(w.size() * 4 + 1);
  std::memcpy(shifted.data() + 1, w.data(), w.size() * 4);
  expect_rejected(std::span<const uint8_t>(shifted.data() + 1, w.size() * 4), "aligned");
}

TEST(SpirvLoader, RejectsBadMagicAndVersion) {
  auto w = words_of(Op::Add);
  w[0] = 0x03022307;  // byte-swapped magic
  expect_rejected(as_bytes(w), "magic");
  w = words_of(Op::Add);
  w[1] = 0x00020000;  // SPIR-V 2.0
  expect_rejected(as_bytes(w), "version");
  w[1] = 0x00010701;
  expect_rejected(as_bytes(w), "version");
}

TEST(SpirvLoader, RejectsMutatedBodies) {
  // Mutations that break structure: the id bound, an instruction's word count, an opcode.
  auto w = words_of(Op::Sub);
  w[3] = 1;  // id bound below the ids in use
  expect_rejected(as_bytes(w), "fails validation");
  w = words_of(Op::Sub);
  w[5] = (0xffffu << 16) | (w[5] & 0xffff);  // first instruction claims 65535 words
  expect_rejected(as_bytes(w), "fails validation");
  w = words_of(Op::Sub);
  w[5] = (w[5] & 0xffff0000u) | 0xfffe;  // unknown opcode
  expect_rejected(as_bytes(w), "fails validation");
}

TEST(SpirvLoader, RejectsRandomGarbageAfterHeader) {
  std::vector<uint32_t> w = {spirv::kMagic, 0x00010300, 0, 100, 0};
  for (uint32_t i = 0; i < 64; ++i) w.push_back(i * 2654435761u);
  expect_rejected(as_bytes(w), "fails validation");
}

TEST(SpirvLoader, LoadsFilesAndNamesMissingOnes) {
  ScratchDir dir;
  const auto w = words_of(Op::Mul);
  write_bytes(dir.path("k.spv"),
              std::string(reinterpret_cast<const char*>(w.data()), w.size() * 4));
  EXPECT_EQ(spirv::load_spirv_file(dir.file("k.spv")).words, w);
  try {
    spirv::load_spirv_file(dir.file("missing.spv"));
    FAIL() << "no error";
  } catch (const Error& e) {
    EXPECT_NE(std::string(e.what()).find("missing.spv"), std::string::npos);
  }
}

// The committed shaders/spv/*.spv must be what the GLSL and shaders/kernels.list compile to
// today (tools/shadergen wrote the glslc defines and field constants into the build), and hold
// nothing else.
class SpirvFreshness : public ::testing::Test {
 protected:
  void SetUp() override {
    if (std::system("command -v glslc >/dev/null 2>&1") != 0) GTEST_SKIP() << "no glslc";
  }
  // Compiles the kernels of a generated list into dir/spv.
  void compile(const std::string& list) {
    const std::string cmd = std::string(GPUEXEC_SOURCE_DIR) + "/scripts/compile_shaders.sh glslc " +
                            GPUEXEC_KERNEL_GLSL_DIR + " " + dir.file("spv") + " " +
                            GPUEXEC_KERNEL_GLSL_DIR + "/" + list;
    ASSERT_EQ(std::system(cmd.c_str()), 0) << cmd;
  }
  ScratchDir dir;
};

TEST_F(SpirvFreshness, CommittedBlobsMatchTheGlsl) {
  compile("kernels.txt");
  std::set<std::string> fresh_names, committed_names;
  for (const auto& e : std::filesystem::directory_iterator(dir.path("spv"))) {
    fresh_names.insert(e.path().filename().string());
  }
  const auto committed_dir = std::filesystem::path(GPUEXEC_SOURCE_DIR) / "shaders" / "spv";
  for (const auto& e : std::filesystem::directory_iterator(committed_dir)) {
    committed_names.insert(e.path().filename().string());
  }
  EXPECT_EQ(fresh_names, committed_names)
      << "shaders/spv holds other kernels than the list: "
         "run `cmake --build build --target shaders` and commit";
  EXPECT_EQ(fresh_names.size(), spirv::kernel_infos().size());
  for (const spirv::KernelInfo& k : spirv::kernel_infos()) {
    const std::string fresh = read_bytes(dir.path("spv") / (std::string(k.name) + ".spv"));
    const std::string embedded(reinterpret_cast<const char*>(k.spirv.data()), k.spirv.size());
    EXPECT_EQ(fresh, embedded)
        << k.name << " is stale: run `cmake --build build --target shaders` and commit";
  }
}

}  // namespace
}  // namespace gpuexec::test
