// GPUEXEC_TEST_SMALL=1 (the sanitizer runs) trims the largest cases, which the plain run covers.
#pragma once

#include <cstdlib>
#include <string_view>

namespace gpuexec::test {

inline bool small_tests() {
  const char* v = std::getenv("GPUEXEC_TEST_SMALL");
  return v && std::string_view(v) == "1";
}

}  // namespace gpuexec::test

#define GPUEXEC_SKIP_IF_SMALL()       \
  if (::gpuexec::test::small_tests()) \
  GTEST_SKIP() << "large case: skipped with GPUEXEC_TEST_SMALL=1"
