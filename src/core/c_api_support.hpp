// What the C ABI's files share: the handles' definitions, and the argument checks and the
// exception-to-status guard that every entry point goes through. Internal.
#pragma once

#include <fmt/format.h>

#include <future>
#include <limits>
#include <mutex>
#include <new>
#include <span>
#include <string>
#include <vector>

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

struct gpuexec_msm_bases {
  gpuexec::MsmBases cxx;
};

// Any number of threads may poll and wait at once: the shared_future is written only at creation
// and its const members (wait, wait_for, get) are safe to call concurrently; the settled outcome
// is stored under the mutex so every waiter returns the same status and message.
struct gpuexec_ticket {
  std::shared_future<void> future;
  std::mutex mutex;
  bool settled = false;  // status and error below hold the outcome
  gpuexec_status status = GPUEXEC_OK;
  std::string error;
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

// n elements of F (Fp: 6 limbs, Fr: 4): checks the pointer and that the bytes do not overflow.
template <class F = Fp>
inline void check_array(const void* p, std::size_t n, const char* name) {
  if (n > std::numeric_limits<std::size_t>::max() / sizeof(F)) {
    invalid(fmt::format("n = {} elements overflows the address space", n));
  }
  if (n > 0) need(p, name);
}

template <class F = Fp>
inline std::span<const F> elems(const uint64_t* p, std::size_t n) {
  return {reinterpret_cast<const F*>(p), n};
}
template <class F = Fp>
inline std::span<F> elems(uint64_t* p, std::size_t n) {
  return {reinterpret_cast<F*>(p), n};
}

// Inputs must be reduced Montgomery limbs: a value >= the modulus would give wrong results
// silently.
template <class F = Fp>
inline void check_reduced(const uint64_t* limbs, std::size_t n, const char* name) {
  gpuexec::check_reduced(elems<F>(limbs, n), name);
}

// Arrays, checked and reduced, of n elements of F: both for inputs, the pointer only for out.
template <class F>
inline void check_inputs(std::initializer_list<std::pair<const uint64_t*, const char*>> inputs,
                         const void* out, std::size_t n, const char* out_name = "out") {
  for (const auto& [p, name] : inputs) check_array<F>(p, n, name);
  check_array<F>(out, n, out_name);
  for (const auto& [p, name] : inputs) check_reduced<F>(p, n, name);
}

inline gpuexec::Schedule to_schedule(gpuexec_schedule s) {
  if (s != GPUEXEC_SCHEDULE_SEQUENTIAL && s != GPUEXEC_SCHEDULE_PIPELINED) {
    invalid(fmt::format("unknown schedule {}", static_cast<int>(s)));
  }
  return s == GPUEXEC_SCHEDULE_SEQUENTIAL ? gpuexec::Schedule::Sequential
                                          : gpuexec::Schedule::Pipelined;
}

// The C jobs as jobs over F, each checked (arrays, reduced inputs) and named by its index.
template <class F>
std::vector<gpuexec::BasicJob<F>> to_jobs(const gpuexec_job* jobs, std::size_t count) {
  if (count > 0) need(jobs, "jobs");
  std::vector<gpuexec::BasicJob<F>> out;
  out.reserve(count);
  for (std::size_t i = 0; i < count; ++i) {
    const gpuexec_job& j = jobs[i];
    const std::string a = fmt::format("job {}: a", i), b = fmt::format("job {}: b", i),
                      o = fmt::format("job {}: out", i);
    check_inputs<F>({{j.a, a.c_str()}, {j.b, b.c_str()}}, j.out, j.n, o.c_str());
    out.push_back({to_op(j.op), elems<F>(j.a, j.n), elems<F>(j.b, j.n), elems<F>(j.out, j.n)});
  }
  return out;
}

// A ticket for the future, or OUT_OF_MEMORY after waiting the work out.
inline gpuexec_status make_ticket(std::future<void> f, gpuexec_ticket** out) {
  auto* t = new (std::nothrow) gpuexec_ticket;
  if (!t) {
    f.wait();
    return fail(GPUEXEC_ERR_OUT_OF_MEMORY, "gpuexec_submit", "out of host memory");
  }
  t->future = f.share();
  *out = t;
  return GPUEXEC_OK;
}

// Device vectors, none NULL, each of the field the call is named for.
inline void need_vectors(
    FieldId field,
    std::initializer_list<std::pair<const gpuexec_device_vector*, const char*>> vectors) {
  for (const auto& [v, name] : vectors) {
    need(v, name);
    if (v->cxx.field() != field && v->cxx.size() != 0) {
      invalid(fmt::format("{} holds {} elements, not {}", name, field_info(v->cxx.field()).name,
                          field_info(field).name));
    }
  }
}

}  // namespace gpuexec::capi
