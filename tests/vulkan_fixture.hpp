// Vulkan tests run with the Khronos validation layers (and synchronization validation) on; any
// message they send fails the test that caused it.
#pragma once

#include <gtest/gtest.h>

#include "gpuexec/validation_log.hpp"

namespace gpuexec::test {

class VulkanTest : public ::testing::Test {
 protected:
  void SetUp() override { ValidationLog::take(); }
  void TearDown() override {
    for (const std::string& m : ValidationLog::take()) ADD_FAILURE() << m;
  }
};

}  // namespace gpuexec::test
