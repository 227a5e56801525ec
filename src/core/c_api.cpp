// The C ABI over the C++ API: argument checks, exceptions turned into statuses and a
// thread-local message.
#include "gpuexec/gpuexec.h"

#include <fmt/format.h>

#include <chrono>
#include <cstring>
#include <future>
#include <limits>
#include <mutex>
#include <new>
#include <string>
#include <vector>

#include "cpu/field_kernels.hpp"
#include "gpuexec/error.hpp"
#include "gpuexec/executor.hpp"
#include "gpuexec/fp_encoding.hpp"

struct gpuexec_executor {
  gpuexec::Executor cxx;
  std::string name;
  explicit gpuexec_executor(const gpuexec::ExecutorOptions& o) : cxx(o), name(cxx.backend_name()) {}
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

struct gpuexec_device_vector {
  gpuexec::DeviceVector cxx;
};

struct gpuexec_pinned_vector {
  gpuexec::PinnedVector cxx;
};

namespace {
using gpuexec::Error;
using gpuexec::ErrorCode;
using gpuexec::Fp;

thread_local std::string last_error;
// Set when the message itself could not be stored (out of host memory while reporting).
thread_local const char* last_error_fallback = nullptr;

// Stores the message that make() builds; never throws, whatever memory is left.
template <typename Make>
void set_last_error(Make&& make) noexcept {
  try {
    last_error = make();
    last_error_fallback = nullptr;
  } catch (...) {
    last_error_fallback = "out of host memory (the error message could not be stored)";
  }
}

gpuexec_status status_of(ErrorCode code) {
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

gpuexec_status fail(gpuexec_status status, const char* fn, const char* what) noexcept {
  set_last_error([&] { return fmt::format("{}: {}", fn, what); });
  return status;
}

// Runs f, turning every exception into a status and a message.
template <typename F>
gpuexec_status guard(const char* fn, F&& f) noexcept {
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

[[noreturn]] void invalid(const std::string& what) {
  throw Error(ErrorCode::InvalidArgument, what);
}

void need(const void* p, const char* name) {
  if (!p) invalid(fmt::format("{} is NULL", name));
}

// The two-input ops; mad has calls of its own.
gpuexec::Op to_op(gpuexec_op op) {
  if (op == GPUEXEC_OP_MAD) {
    invalid("GPUEXEC_OP_MAD takes three inputs: use gpuexec_fp_vec_mad");
  }
  if (op != GPUEXEC_OP_ADD && op != GPUEXEC_OP_SUB && op != GPUEXEC_OP_MUL) {
    invalid(fmt::format("unknown op {}", static_cast<int>(op)));
  }
  return static_cast<gpuexec::Op>(op);
}

gpuexec::Schedule to_schedule(gpuexec_schedule s) {
  if (s != GPUEXEC_SCHEDULE_SEQUENTIAL && s != GPUEXEC_SCHEDULE_PIPELINED) {
    invalid(fmt::format("unknown schedule {}", static_cast<int>(s)));
  }
  return s == GPUEXEC_SCHEDULE_SEQUENTIAL ? gpuexec::Schedule::Sequential
                                          : gpuexec::Schedule::Pipelined;
}

// n elements of 6 limbs: checks the pointer and that n * 48 bytes does not overflow.
void check_array(const void* p, std::size_t n, const char* name) {
  if (n > std::numeric_limits<std::size_t>::max() / sizeof(Fp)) {
    invalid(fmt::format("n = {} elements overflows the address space", n));
  }
  if (n > 0) need(p, name);
}

std::span<const Fp> elems(const uint64_t* p, std::size_t n) {
  return {reinterpret_cast<const Fp*>(p), n};
}

// Inputs must be reduced Montgomery limbs: a value >= p would give wrong results silently.
void check_reduced(const uint64_t* limbs, std::size_t n, const char* name) {
  gpuexec::check_reduced(elems(limbs, n), name);
}
std::span<Fp> elems(uint64_t* p, std::size_t n) {
  return {reinterpret_cast<Fp*>(p), n};
}

std::vector<gpuexec::Job> to_jobs(const gpuexec_job* jobs, std::size_t count) {
  if (count > 0) need(jobs, "jobs");
  std::vector<gpuexec::Job> out;
  out.reserve(count);
  for (std::size_t i = 0; i < count; ++i) {
    const gpuexec_job& j = jobs[i];
    const std::string where = fmt::format("job {}", i);
    check_array(j.a, j.n, (where + ": a").c_str());
    check_array(j.b, j.n, (where + ": b").c_str());
    check_array(j.out, j.n, (where + ": out").c_str());
    check_reduced(j.a, j.n, (where + ": a").c_str());
    check_reduced(j.b, j.n, (where + ": b").c_str());
    out.push_back({to_op(j.op), elems(j.a, j.n), elems(j.b, j.n), elems(j.out, j.n)});
  }
  return out;
}

gpuexec_status make_ticket(std::future<void> f, gpuexec_ticket** out) {
  auto* t = new (std::nothrow) gpuexec_ticket;
  if (!t) {
    f.wait();
    return fail(GPUEXEC_ERR_OUT_OF_MEMORY, "gpuexec_submit", "out of host memory");
  }
  t->future = f.share();
  *out = t;
  return GPUEXEC_OK;
}
}  // namespace

extern "C" {

gpuexec_status gpuexec_executor_create(gpuexec_backend backend, int device_index,
                                       gpuexec_executor** out) {
  return guard("gpuexec_executor_create", [&] {
    need(out, "out");
    *out = nullptr;
    gpuexec::ExecutorOptions o;
    switch (backend) {
      case GPUEXEC_BACKEND_AUTO:
        o.backend = gpuexec::BackendKind::Auto;
        break;
      case GPUEXEC_BACKEND_VULKAN:
        o.backend = gpuexec::BackendKind::Vulkan;
        break;
      case GPUEXEC_BACKEND_CPU:
        o.backend = gpuexec::BackendKind::Cpu;
        break;
      default:
        invalid(fmt::format("unknown backend {}", static_cast<int>(backend)));
    }
    if (device_index < -1)
      invalid(fmt::format("device_index {} (use -1 or an index)", device_index));
    o.device_index = device_index;
    *out = new gpuexec_executor(o);
  });
}

void gpuexec_executor_destroy(gpuexec_executor* ex) {
  delete ex;
}

const char* gpuexec_executor_backend_name(const gpuexec_executor* ex) {
  return ex ? ex->name.c_str() : "";
}

gpuexec_status gpuexec_fp_vec_op(gpuexec_executor* ex, gpuexec_op op, const uint64_t* a,
                                 const uint64_t* b, uint64_t* out, size_t n) {
  return guard("gpuexec_fp_vec_op", [&] {
    need(ex, "ex");
    const gpuexec::Op cxx_op = to_op(op);
    check_array(a, n, "a");
    check_array(b, n, "b");
    check_array(out, n, "out");
    check_reduced(a, n, "a");
    check_reduced(b, n, "b");
    if (n) ex->cxx.run(cxx_op, elems(a, n), elems(b, n), elems(out, n));
  });
}

gpuexec_status gpuexec_fp_vec_mad(gpuexec_executor* ex, const uint64_t* a, const uint64_t* b,
                                  const uint64_t* c, uint64_t* out, size_t n) {
  return guard("gpuexec_fp_vec_mad", [&] {
    need(ex, "ex");
    check_array(a, n, "a");
    check_array(b, n, "b");
    check_array(c, n, "c");
    check_array(out, n, "out");
    check_reduced(a, n, "a");
    check_reduced(b, n, "b");
    check_reduced(c, n, "c");
    if (n) ex->cxx.mad(elems(a, n), elems(b, n), elems(c, n), elems(out, n));
  });
}

gpuexec_status gpuexec_fp_bytes_op(gpuexec_executor* ex, gpuexec_op op, const uint8_t* a,
                                   const uint8_t* b, const uint8_t* c, uint8_t* out, size_t n) {
  return guard("gpuexec_fp_bytes_op", [&] {
    need(ex, "ex");
    const gpuexec::Op cxx_op = op == GPUEXEC_OP_MAD ? gpuexec::Op::Mad : to_op(op);
    check_array(a, n, "a");
    check_array(b, n, "b");
    if (cxx_op == gpuexec::Op::Mad) check_array(c, n, "c");
    check_array(out, n, "out");
    const std::size_t bytes = n * gpuexec::kFpBytes;
    const auto in = [&](const uint8_t* p) { return std::span<const uint8_t>(p, p ? bytes : 0); };
    ex->cxx.run_encoded({cxx_op, in(a), in(b), std::span<uint8_t>(out, out ? bytes : 0),
                         cxx_op == gpuexec::Op::Mad ? in(c) : std::span<const uint8_t>()});
  });
}

gpuexec_status gpuexec_fp_from_be_bytes(const uint8_t in[48], uint64_t out[6]) {
  return guard("gpuexec_fp_from_be_bytes", [&] {
    need(in, "in");
    need(out, "out");
    Fp v;  // out stays untouched on a bad value
    if (gpuexec::cpu::fp_kernels().from_be_bytes(in, &v, 1) != 1) {
      throw Error(ErrorCode::NonCanonical, "value is not below the field modulus p");
    }
    std::memcpy(out, v.limbs.data(), 48);
  });
}

void gpuexec_fp_to_be_bytes(const uint64_t in[6], uint8_t out[48]) {
  if (!in || !out) return;
  Fp a;
  std::memcpy(a.limbs.data(), in, 48);
  gpuexec::cpu::fp_kernels().to_be_bytes(&a, out, 1);
}

const char* gpuexec_last_error(void) {
  return last_error_fallback ? last_error_fallback : last_error.c_str();
}

gpuexec_status gpuexec_run_batch(gpuexec_executor* ex, const gpuexec_job* jobs, size_t count,
                                 gpuexec_schedule schedule) {
  return guard("gpuexec_run_batch", [&] {
    need(ex, "ex");
    const auto s = to_schedule(schedule);
    ex->cxx.run_batch(to_jobs(jobs, count), s);
  });
}

gpuexec_status gpuexec_submit(gpuexec_executor* ex, const gpuexec_job* job, gpuexec_ticket** out) {
  return gpuexec_submit_batch(ex, job, 1, GPUEXEC_SCHEDULE_SEQUENTIAL, out);
}

gpuexec_status gpuexec_submit_batch(gpuexec_executor* ex, const gpuexec_job* jobs, size_t count,
                                    gpuexec_schedule schedule, gpuexec_ticket** out) {
  std::future<void> f;
  const gpuexec_status s = guard("gpuexec_submit", [&] {
    need(ex, "ex");
    need(out, "out");
    *out = nullptr;
    const auto sched = to_schedule(schedule);
    f = ex->cxx.submit_batch(to_jobs(jobs, count), sched);
  });
  return s == GPUEXEC_OK ? make_ticket(std::move(f), out) : s;
}

int gpuexec_ticket_ready(const gpuexec_ticket* t) {
  if (!t) return 0;
  try {
    return t->future.wait_for(std::chrono::seconds(0)) == std::future_status::ready;
  } catch (...) {  // wait_for does not throw on a valid future; never let anything cross the ABI
    return 0;
  }
}

gpuexec_status gpuexec_ticket_wait(gpuexec_ticket* t) {
  if (!t) return fail(GPUEXEC_ERR_INVALID_ARGUMENT, "gpuexec_ticket_wait", "ticket is NULL");
  gpuexec_status status = GPUEXEC_OK;
  const gpuexec_status wait_status = guard("gpuexec_ticket_wait", [&] {
    t->future.wait();  // outside the lock: pollers and other waiters never queue behind it
    std::lock_guard lock(t->mutex);
    if (!t->settled) {  // get() rethrows the work's exception; guard makes it status and message
      t->status = guard("gpuexec_ticket_wait", [&] { t->future.get(); });
      if (t->status != GPUEXEC_OK) t->error = gpuexec_last_error();
      t->settled = true;
    }
    status = t->status;
    if (status != GPUEXEC_OK) set_last_error([&] { return t->error; });  // each waiter's own copy
  });
  return wait_status != GPUEXEC_OK ? wait_status : status;  // the lock or a copy failed
}

void gpuexec_ticket_destroy(gpuexec_ticket* t) {
  if (!t) return;
  if (t->future.valid()) t->future.wait();
  delete t;
}

gpuexec_status gpuexec_device_vector_create(gpuexec_executor* ex, size_t n,
                                            gpuexec_device_vector** out) {
  return guard("gpuexec_device_vector_create", [&] {
    need(ex, "ex");
    need(out, "out");
    *out = nullptr;
    if (n > std::numeric_limits<std::size_t>::max() / sizeof(Fp)) invalid("n overflows");
    *out = new gpuexec_device_vector{ex->cxx.allocate(n)};
  });
}

gpuexec_status gpuexec_device_vector_upload(gpuexec_executor* ex, const uint64_t* values, size_t n,
                                            gpuexec_device_vector** out) {
  return guard("gpuexec_device_vector_upload", [&] {
    need(ex, "ex");
    need(out, "out");
    *out = nullptr;
    check_array(values, n, "values");
    check_reduced(values, n, "values");
    *out = new gpuexec_device_vector{ex->cxx.upload(elems(values, n))};
  });
}

gpuexec_status gpuexec_device_vector_write(gpuexec_device_vector* v, const uint64_t* values,
                                           size_t n) {
  return guard("gpuexec_device_vector_write", [&] {
    need(v, "v");
    check_array(values, n, "values");
    check_reduced(values, n, "values");
    v->cxx.write(elems(values, n));
  });
}

gpuexec_status gpuexec_device_vector_read(const gpuexec_device_vector* v, uint64_t* out, size_t n) {
  return guard("gpuexec_device_vector_read", [&] {
    need(v, "v");
    check_array(out, n, "out");
    v->cxx.read(elems(out, n));
  });
}

size_t gpuexec_device_vector_size(const gpuexec_device_vector* v) {
  return v ? v->cxx.size() : 0;
}

void gpuexec_device_vector_destroy(gpuexec_device_vector* v) {
  delete v;
}

gpuexec_status gpuexec_fp_vec_op_device(gpuexec_executor* ex, gpuexec_op op,
                                        const gpuexec_device_vector* a,
                                        const gpuexec_device_vector* b,
                                        gpuexec_device_vector* out) {
  return guard("gpuexec_fp_vec_op_device", [&] {
    need(ex, "ex");
    need(a, "a");
    need(b, "b");
    need(out, "out");
    ex->cxx.run(to_op(op), a->cxx, b->cxx, out->cxx);
  });
}

gpuexec_status gpuexec_fp_vec_mad_device(gpuexec_executor* ex, const gpuexec_device_vector* a,
                                         const gpuexec_device_vector* b,
                                         const gpuexec_device_vector* c,
                                         gpuexec_device_vector* out) {
  return guard("gpuexec_fp_vec_mad_device", [&] {
    need(ex, "ex");
    need(a, "a");
    need(b, "b");
    need(c, "c");
    need(out, "out");
    ex->cxx.mad(a->cxx, b->cxx, c->cxx, out->cxx);
  });
}

gpuexec_status gpuexec_pinned_vector_create(gpuexec_executor* ex, size_t n,
                                            gpuexec_pinned_vector** out) {
  return guard("gpuexec_pinned_vector_create", [&] {
    need(ex, "ex");
    need(out, "out");
    *out = nullptr;
    if (n > std::numeric_limits<std::size_t>::max() / sizeof(Fp)) invalid("n overflows");
    *out = new gpuexec_pinned_vector{ex->cxx.allocate_pinned(n)};
  });
}

uint64_t* gpuexec_pinned_vector_data(gpuexec_pinned_vector* v) {
  return v && !v->cxx.empty() ? v->cxx.data()->limbs.data() : nullptr;
}

size_t gpuexec_pinned_vector_size(const gpuexec_pinned_vector* v) {
  return v ? v->cxx.size() : 0;
}

int gpuexec_pinned_vector_is_pinned(const gpuexec_pinned_vector* v) {
  return v && v->cxx.pinned() ? 1 : 0;
}

void gpuexec_pinned_vector_destroy(gpuexec_pinned_vector* v) {
  delete v;
}

}  // extern "C"
