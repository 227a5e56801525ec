// What the C ABI's files share: the handles' definitions, and the argument checks and the
// exception-to-status guard that every entry point goes through. Internal.
#pragma once

#include <fmt/format.h>

#include <limits>
#include <new>
#include <span>
#include <string>

#include "gpuexec/error.hpp"
#include "gpuexec/executor.hpp"
#include "gpuexec/gpuexec.h"

struct gpuexec_executor {
  gpuexec::Executor cxx;
  std::string name;
  explicit gpuexec_executor(const gpuexec::ExecutorOptions& o) : cxx(o), name(cxx.backend_name()) {}
};

struct gpuexec_device_vector {
  gpuexec::DeviceVector cxx;
};

struct gpuexec_pinned_vector {
  gpuexec::PinnedVector cxx;
};

namespace gpuexec::capi {

inline thread_local std::string last_error;
// Set when the message itself could not be stored (out of host memory while reporting).
inline thread_local const char* last_error_fallback = nullptr;

// Stores the message that make() builds; never throws, whatever memory is left.
template <typename Make>
inline void set_last_error(Make&& make) noexcept {
  try {
    last_error = make();
    last_error_fallback = nullptr;
  } catch (...) {
    last_error_fallback = "out of host memory (the error message could not be stored)";
  }
}

inline gpuexec_status status_of(ErrorCode code) {
  switch (code) {
    case ErrorCode::InvalidArgument:
      return GPUEXEC_ERR_INVALID_ARGUMENT;
    case ErrorCode::NonCanonical:
      return GPUEXEC_ERR_NON_CANONICAL;
    case ErrorCode::NoDevice:
      return GPUEXEC_ERR_NO_DEVICE;
    case ErrorCode::OutOfMemory:
      return GPUEXEC_ERR_OUT_OF_MEMORY;
    case ErrorCode::DeviceLost:
      return GPUEXEC_ERR_DEVICE_LOST;
    case ErrorCode::Internal:
      break;
  }
  return GPUEXEC_ERR_INTERNAL;
}

inline gpuexec_status fail(gpuexec_status status, const char* fn, const char* what) noexcept {
  set_last_error([&] { return fmt::format("{}: {}", fn, what); });
  return status;
}

// Runs f, turning every exception into a status and a message.
template <typename F>
inline gpuexec_status guard(const char* fn, F&& f) noexcept {
  try {
    f();
    return GPUEXEC_OK;
  } catch (const Error& e) {
    return fail(status_of(e.code()), fn, e.what());
  } catch (const std::bad_alloc&) {
    return fail(GPUEXEC_ERR_OUT_OF_MEMORY, fn, "out of host memory");
  } catch (const std::exception& e) {
    return fail(GPUEXEC_ERR_INTERNAL, fn, e.what());
  } catch (...) {
    return fail(GPUEXEC_ERR_INTERNAL, fn, "unknown error");
  }
}

[[noreturn]] inline void invalid(const std::string& what) {
  throw Error(ErrorCode::InvalidArgument, what);
}

inline void need(const void* p, const char* name) {
  if (!p) invalid(fmt::format("{} is NULL", name));
}

// The two-input ops; mad has calls of its own.
inline gpuexec::Op to_op(gpuexec_op op) {
  if (op == GPUEXEC_OP_MAD) {
    invalid("GPUEXEC_OP_MAD takes three inputs: use gpuexec_fp_vec_mad");
  }
  if (op != GPUEXEC_OP_ADD && op != GPUEXEC_OP_SUB && op != GPUEXEC_OP_MUL) {
    invalid(fmt::format("unknown op {}", static_cast<int>(op)));
  }
  return static_cast<gpuexec::Op>(op);
}

// n elements of 6 limbs: checks the pointer and that n * 48 bytes does not overflow.
inline void check_array(const void* p, std::size_t n, const char* name) {
  if (n > std::numeric_limits<std::size_t>::max() / sizeof(Fp)) {
    invalid(fmt::format("n = {} elements overflows the address space", n));
  }
  if (n > 0) need(p, name);
}

inline std::span<const Fp> elems(const uint64_t* p, std::size_t n) {
  return {reinterpret_cast<const Fp*>(p), n};
}

// Inputs must be reduced Montgomery limbs: a value >= p would give wrong results silently.
inline void check_reduced(const uint64_t* limbs, std::size_t n, const char* name) {
  gpuexec::check_reduced(elems(limbs, n), name);
}
inline std::span<Fp> elems(uint64_t* p, std::size_t n) {
  return {reinterpret_cast<Fp*>(p), n};
}

}  // namespace gpuexec::capi
