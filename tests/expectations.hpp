// Shared expectations: the reference result of a job, and an error of a given code and message.
#pragma once

#include <gtest/gtest.h>

#include <span>
#include <string>
#include <vector>

#include "gpuexec/error.hpp"
#include "gpuexec/op.hpp"

namespace gpuexec::test {

// out[i] = a[i] op b[i] by the single-threaded reference.
inline std::vector<Fp> reference(Op op, std::span<const Fp> a, std::span<const Fp> b) {
  std::vector<Fp> out(a.size());
  for (std::size_t i = 0; i < a.size(); ++i) out[i] = apply(op, a[i], b[i]);
  return out;
}

// Runs f, expecting gpuexec::Error with `code` and a message containing `says`.
template <class F>
void expect_error(F&& f, ErrorCode code, const std::string& says) {
  try {
    f();
    ADD_FAILURE() << "no error; expected one saying " << says;
  } catch (const Error& e) {
    EXPECT_EQ(e.code(), code) << e.what();
    EXPECT_NE(std::string(e.what()).find(says), std::string::npos) << e.what();
  }
}

}  // namespace gpuexec::test
