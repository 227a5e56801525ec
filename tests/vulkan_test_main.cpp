// Entry point of the Vulkan test binaries: validation on before any instance exists.
#include <gtest/gtest.h>

#include <cstdlib>

int main(int argc, char** argv) {
  setenv("GPUEXEC_VALIDATION", "1", 1);
  ::testing::InitGoogleTest(&argc, argv);
  return RUN_ALL_TESTS();
}
