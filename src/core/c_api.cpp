// The C ABI over the C++ API: executors, host-array ops, encodings, batches and tickets
// (c_api_vectors.cpp has the vectors; c_api_support.hpp the checks and the guard).
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

#include "core/c_api_support.hpp"
#include "cpu/field_kernels.hpp"
#include "gpuexec/error.hpp"
#include "gpuexec/executor.hpp"
#include "gpuexec/fp_encoding.hpp"

using namespace gpuexec::capi;
using gpuexec::Error;
using gpuexec::ErrorCode;
using gpuexec::Fp;

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
    check_inputs<Fp>({{a, "a"}, {b, "b"}}, out, n);
    if (n) ex->cxx.run(cxx_op, elems(a, n), elems(b, n), elems(out, n));
  });
}

gpuexec_status gpuexec_fp_vec_mad(gpuexec_executor* ex, const uint64_t* a, const uint64_t* b,
                                  const uint64_t* c, uint64_t* out, size_t n) {
  return guard("gpuexec_fp_vec_mad", [&] {
    need(ex, "ex");
    check_inputs<Fp>({{a, "a"}, {b, "b"}, {c, "c"}}, out, n);
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
    ex->cxx.run_batch(to_jobs<Fp>(jobs, count), s);
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
    f = ex->cxx.submit_batch(to_jobs<Fp>(jobs, count), sched);
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

}  // extern "C"
