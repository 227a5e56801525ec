// The kernel catalog: one kernel per (op, variant) of the list, each described truthfully, its
// SPIR-V following the binding convention, and the old (op, variant) lookup on top of it.
#include <gtest/gtest.h>

#include <algorithm>
#include <cstring>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include "gpuexec/error.hpp"
#include "spirv/kernel_catalog.hpp"
#include "spirv/kernel_variants.hpp"

namespace gpuexec::test {
namespace {

using spirv::KernelId;
using spirv::KernelInfo;

// What a kernel's SPIR-V declares about its interface.
struct Interface {
  std::vector<uint32_t> bindings;  // of the descriptor-set 0 resources
  std::set<uint32_t> sets;
  std::vector<uint32_t> spec_ids;
  int push_constant_blocks = 0;
};

Interface interface_of(const spirv::SpirvModule& m) {
  constexpr uint32_t kOpDecorate = 71, kOpVariable = 59;
  constexpr uint32_t kSpecId = 1, kBinding = 33, kDescriptorSet = 34, kPushConstant = 9;
  Interface out;
  for (std::size_t i = 5; i < m.words.size();) {
    const uint32_t count = m.words[i] >> 16, opcode = m.words[i] & 0xffff;
    if (count == 0) break;
    if (opcode == kOpDecorate && count >= 4) {
      const uint32_t decoration = m.words[i + 2], value = m.words[i + 3];
      if (decoration == kBinding) out.bindings.push_back(value);
      if (decoration == kDescriptorSet) out.sets.insert(value);
      if (decoration == kSpecId) out.spec_ids.push_back(value);
    }
    if (opcode == kOpVariable && count >= 4 && m.words[i + 3] == kPushConstant) {
      ++out.push_constant_blocks;
    }
    i += count;
  }
  std::sort(out.bindings.begin(), out.bindings.end());
  return out;
}

TEST(KernelCatalog, TableIsInIdOrderWithUniqueNames) {
  ASSERT_EQ(spirv::kernel_infos().size(), spirv::kKernelCount);
  std::set<std::string_view> names;
  for (std::size_t i = 0; i < spirv::kKernelCount; ++i) {
    const KernelInfo& k = spirv::kernel_info(static_cast<KernelId>(i));
    EXPECT_EQ(static_cast<std::size_t>(k.id), i);
    EXPECT_TRUE(names.insert(k.name).second) << k.name;
    EXPECT_EQ(reinterpret_cast<std::uintptr_t>(k.spirv.data()) % 4, 0u) << k.name;
  }
  EXPECT_THROW(spirv::kernel_info(static_cast<KernelId>(spirv::kKernelCount)), Error);
}

TEST(KernelCatalog, EveryOpInEveryVariantDescribedTruthfully) {
  for (Op op : kAllOps) {
    for (const spirv::VariantInfo& v : spirv::kVariants) {
      const KernelInfo& k = spirv::kernel_info(spirv::elementwise_kernel(op, v.variant));
      EXPECT_EQ(k.op, op);
      EXPECT_EQ(k.variant, v.variant);
      EXPECT_EQ(k.field, FieldId::Fp);
      EXPECT_EQ(k.inputs, op_inputs(op));
      EXPECT_EQ(k.element_bytes, 48u);
      EXPECT_EQ(k.name, "fp_" + std::string(op_name(op)) + "_" + std::string(v.name));
      EXPECT_EQ(k.encoding, spirv::ElementEncoding::Montgomery);
      const KernelInfo& be = spirv::kernel_info(
          spirv::elementwise_kernel(op, v.variant, FieldId::Fp, spirv::ElementEncoding::BigEndian));
      EXPECT_EQ(be.encoding, spirv::ElementEncoding::BigEndian);
      EXPECT_EQ(be.name, std::string(k.name) + "_be");
      EXPECT_EQ(be.inputs, k.inputs);
      EXPECT_EQ(be.element_bytes, 48u);
    }
  }
  EXPECT_EQ(spirv::kernel_info(KernelId::fp_mad_u64v).inputs, 3u);
}

TEST(KernelCatalog, SpirvFollowsTheBindingConvention) {
  for (const KernelInfo& k : spirv::kernel_infos()) {
    SCOPED_TRACE(std::string(k.name));
    if (!k.op) {  // a kernel of another shape (NTT, MSM passes): bindings of its own in set 0,
                  // below 16 (the NTT's transposition leaves its unused twiddles out)
      const Interface i = interface_of(spirv::kernel_module(k.id));
      EXPECT_FALSE(i.bindings.empty());
      for (uint32_t x : i.bindings) EXPECT_LT(x, 16u);
      EXPECT_EQ(i.sets, std::set<uint32_t>{0});
      // local_size_x; the NTT's Stockham passes also the log2 of their workgroup's elements, the
      // one with shuffles the log2 of the lanes they span
      const std::set<uint32_t> ids(i.spec_ids.begin(), i.spec_ids.end());
      const std::string_view name(k.name);
      const std::set<uint32_t> want =
          name.find("ntt_shuffle") != std::string_view::npos    ? std::set<uint32_t>{0, 1, 2}
          : name.find("ntt_stockham") != std::string_view::npos ? std::set<uint32_t>{0, 1}
                                                                : std::set<uint32_t>{0};
      EXPECT_EQ(ids, want);
      EXPECT_EQ(i.spec_ids.size(), ids.size());
      continue;
    }
    const Interface i = interface_of(spirv::kernel_module(k.id));
    std::vector<uint32_t> expected(k.inputs + 1);
    for (uint32_t b = 0; b <= k.inputs; ++b) expected[b] = b;  // inputs, then the output
    EXPECT_EQ(i.bindings, expected);
    EXPECT_EQ(i.sets, std::set<uint32_t>{0});
    // local_size_x; the Montgomery layout's kernels also coalesced IO (elementwise_io.glsl)
    const bool mont = k.encoding == spirv::ElementEncoding::Montgomery;
    const std::vector<uint32_t> want =
        mont ? std::vector<uint32_t>{0, 1} : std::vector<uint32_t>{0};
    EXPECT_EQ(i.spec_ids, want);
    EXPECT_EQ(i.push_constant_blocks, 1);
  }
}

TEST(KernelCatalog, ModulesLoadOnceAndMatchTheBlobs) {
  for (const KernelInfo& k : spirv::kernel_infos()) {
    const spirv::SpirvModule& m = spirv::kernel_module(k.id);
    EXPECT_EQ(&m, &spirv::kernel_module(k.id));
    EXPECT_EQ(m.name, k.name);
    ASSERT_EQ(m.words.size() * 4, k.spirv.size());
    EXPECT_EQ(std::memcmp(m.words.data(), k.spirv.data(), k.spirv.size()), 0);
  }
}

TEST(KernelCatalog, MissingKernelIsAnInternalError) {
  try {
    spirv::elementwise_kernel(Op::Add, KernelVariant::Auto);
    FAIL() << "no error";
  } catch (const Error& e) {
    EXPECT_EQ(e.code(), ErrorCode::Internal);
    EXPECT_NE(std::string(e.what()).find("auto"), std::string::npos) << e.what();
  }
  // Fr's kernels are listed: 32-byte elements.
  const auto fr = spirv::elementwise_kernel(Op::Mul, KernelVariant::U32, FieldId::Fr);
  EXPECT_EQ(spirv::kernel_info(fr).element_bytes, 32u);
  EXPECT_EQ(spirv::kernel_info(fr).field, FieldId::Fr);
}

TEST(KernelCatalog, VariantNamesComeFromOneTable) {
  EXPECT_EQ(spirv::find_variant(KernelVariant::Auto), nullptr);
  EXPECT_EQ(spirv::find_variant(KernelVariant::U64)->name, "u64");
  EXPECT_EQ(spirv::find_variant(KernelVariant::U64Vec)->name, "u64v");
  EXPECT_EQ(spirv::find_variant(KernelVariant::U32)->name, "u32");
  EXPECT_EQ(spirv::find_variant("u64v")->variant, KernelVariant::U64Vec);
  EXPECT_EQ(spirv::find_variant(KernelVariant::U32Wide)->name, "u32w");
  EXPECT_TRUE(spirv::find_variant(KernelVariant::U32Wide)->needs_int64);
  EXPECT_FALSE(spirv::find_variant(KernelVariant::U32Carry)->needs_int64);
}

TEST(KernelCatalog, FieldInfoFromTheDescriptions) {
  EXPECT_EQ(field_info(FieldId::Fp).element_bytes, 48u);
  EXPECT_EQ(field_info(FieldId::Fp).name, "fp");
  EXPECT_EQ(field_info(FieldId::Fr).element_bytes, 32u);
  EXPECT_EQ(field_info(FieldId::Fr).limbs, 4u);
  static_assert(field_info(FieldId::Fr).limbs == 4);
}

}  // namespace
}  // namespace gpuexec::test
