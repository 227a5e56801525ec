// Vulkan tests run with the Khronos validation layers (and synchronization validation) on; any
// message they send fails the test that caused it.
#pragma once

#include <gtest/gtest.h>

#include <initializer_list>
#include <utility>

#include "gpuexec/validation_log.hpp"

namespace gpuexec::test {

class VulkanTest : public ::testing::Test {
 protected:
  void SetUp() override { ValidationLog::take(); }
  void TearDown() override {
    for (const std::string& m : ValidationLog::take()) ADD_FAILURE() << m;
  }
};

// Runs a fixture's checks in turn, each named in its failures: several checks in one test process,
// which builds the device's pipelines once (lavapipe takes seconds for the NTT and MSM kernels).
template <typename Fixture>
void run_checks(Fixture& fixture,
                std::initializer_list<std::pair<const char*, void (Fixture::*)()>> checks) {
  for (const auto& [name, check] : checks) {
    SCOPED_TRACE(name);
    (fixture.*check)();
  }
}

}  // namespace gpuexec::test
