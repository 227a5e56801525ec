// The C ABI over Fr: the element-wise calls of c_api.cpp and c_api_vectors.cpp for 4-limb
// elements, and the NTT.
#include <cstring>

#include "core/c_api_support.hpp"
#include "cpu/field_kernels.hpp"
#include "gpuexec/fr_encoding.hpp"

using namespace gpuexec::capi;
using gpuexec::Error;
using gpuexec::ErrorCode;
using gpuexec::FieldId;
using gpuexec::Fr;

namespace {
using gpuexec::kFrBytes;

gpuexec::NttOptions to_ntt_options(const gpuexec_ntt_options* o) {
  gpuexec::NttOptions out;
  if (!o) return out;
  out.inverse = o->inverse != 0;
  out.batch = o->batch == 0 ? 1 : o->batch;
  if (o->coset) {
    std::memcpy(out.coset.limbs.data(), o->coset, kFrBytes);
    check_reduced<Fr>(o->coset, 1, "coset");
  }
  return out;
}

void check_ntt_data(const uint64_t* data, std::size_t n) {
  check_array<Fr>(data, n, "data");
  check_reduced<Fr>(data, n, "data");
}
}  // namespace

extern "C" {

gpuexec_status gpuexec_fr_vec_op(gpuexec_executor* ex, gpuexec_op op, const uint64_t* a,
                                 const uint64_t* b, uint64_t* out, size_t n) {
  return guard("gpuexec_fr_vec_op", [&] {
    need(ex, "ex");
    const gpuexec::Op cxx_op = to_op(op);
    check_inputs<Fr>({{a, "a"}, {b, "b"}}, out, n);
    if (n) ex->cxx.run(cxx_op, elems<Fr>(a, n), elems<Fr>(b, n), elems<Fr>(out, n));
  });
}

gpuexec_status gpuexec_fr_vec_mad(gpuexec_executor* ex, const uint64_t* a, const uint64_t* b,
                                  const uint64_t* c, uint64_t* out, size_t n) {
  return guard("gpuexec_fr_vec_mad", [&] {
    need(ex, "ex");
    check_inputs<Fr>({{a, "a"}, {b, "b"}, {c, "c"}}, out, n);
    if (n) ex->cxx.mad(elems<Fr>(a, n), elems<Fr>(b, n), elems<Fr>(c, n), elems<Fr>(out, n));
  });
}

gpuexec_status gpuexec_fr_bytes_op(gpuexec_executor* ex, gpuexec_op op, const uint8_t* a,
                                   const uint8_t* b, const uint8_t* c, uint8_t* out, size_t n) {
  return guard("gpuexec_fr_bytes_op", [&] {
    need(ex, "ex");
    const gpuexec::Op cxx_op = op == GPUEXEC_OP_MAD ? gpuexec::Op::Mad : to_op(op);
    const bool mad = cxx_op == gpuexec::Op::Mad;
    check_array<Fr>(a, n, "a");
    check_array<Fr>(b, n, "b");
    if (mad) check_array<Fr>(c, n, "c");
    check_array<Fr>(out, n, "out");
    const std::size_t bytes = n * kFrBytes;
    const auto in = [&](const uint8_t* p) { return std::span<const uint8_t>(p, p ? bytes : 0); };
    ex->cxx.run_encoded({cxx_op, in(a), in(b), std::span<uint8_t>(out, out ? bytes : 0),
                         mad ? in(c) : std::span<const uint8_t>(), FieldId::Fr});
  });
}

gpuexec_status gpuexec_fr_from_be_bytes(const uint8_t in[32], uint64_t out[4]) {
  return guard("gpuexec_fr_from_be_bytes", [&] {
    need(in, "in");
    need(out, "out");
    Fr v;  // out stays untouched on a bad value
    if (gpuexec::cpu::fr_kernels().from_be_bytes(in, &v, 1) != 1) {
      throw Error(ErrorCode::NonCanonical, "value is not below the field modulus r");
    }
    std::memcpy(out, v.limbs.data(), kFrBytes);
  });
}

void gpuexec_fr_to_be_bytes(const uint64_t in[4], uint8_t out[32]) {
  if (!in || !out) return;
  Fr a;
  std::memcpy(a.limbs.data(), in, kFrBytes);
  gpuexec::cpu::fr_kernels().to_be_bytes(&a, out, 1);
}

gpuexec_status gpuexec_fr_run_batch(gpuexec_executor* ex, const gpuexec_job* jobs, size_t count,
                                    gpuexec_schedule schedule) {
  return guard("gpuexec_fr_run_batch", [&] {
    need(ex, "ex");
    const auto s = to_schedule(schedule);
    ex->cxx.run_batch(to_jobs<Fr>(jobs, count), s);
  });
}

gpuexec_status gpuexec_fr_submit_batch(gpuexec_executor* ex, const gpuexec_job* jobs, size_t count,
                                       gpuexec_schedule schedule, gpuexec_ticket** out) {
  std::future<void> f;
  const gpuexec_status s = guard("gpuexec_fr_submit_batch", [&] {
    need(ex, "ex");
    need(out, "out");
    *out = nullptr;
    const auto sched = to_schedule(schedule);
    f = ex->cxx.submit_batch(to_jobs<Fr>(jobs, count), sched);
  });
  return s == GPUEXEC_OK ? make_ticket(std::move(f), out) : s;
}

gpuexec_status gpuexec_fr_device_vector_create(gpuexec_executor* ex, size_t n,
                                               gpuexec_device_vector** out) {
  return guard("gpuexec_fr_device_vector_create", [&] {
    need(ex, "ex");
    need(out, "out");
    *out = nullptr;
    if (n > std::numeric_limits<std::size_t>::max() / kFrBytes) invalid("n overflows");
    *out = new gpuexec_device_vector{ex->cxx.allocate(n, FieldId::Fr)};
  });
}

gpuexec_status gpuexec_fr_device_vector_upload(gpuexec_executor* ex, const uint64_t* values,
                                               size_t n, gpuexec_device_vector** out) {
  return guard("gpuexec_fr_device_vector_upload", [&] {
    need(ex, "ex");
    need(out, "out");
    *out = nullptr;
    check_array<Fr>(values, n, "values");
    check_reduced<Fr>(values, n, "values");
    *out = new gpuexec_device_vector{ex->cxx.upload(elems<Fr>(values, n))};
  });
}

gpuexec_status gpuexec_fr_vec_op_device(gpuexec_executor* ex, gpuexec_op op,
                                        const gpuexec_device_vector* a,
                                        const gpuexec_device_vector* b,
                                        gpuexec_device_vector* out) {
  return guard("gpuexec_fr_vec_op_device", [&] {
    need(ex, "ex");
    need_vectors(FieldId::Fr, {{a, "a"}, {b, "b"}, {out, "out"}});
    ex->cxx.run(to_op(op), a->cxx, b->cxx, out->cxx);
  });
}

gpuexec_status gpuexec_fr_vec_mad_device(gpuexec_executor* ex, const gpuexec_device_vector* a,
                                         const gpuexec_device_vector* b,
                                         const gpuexec_device_vector* c,
                                         gpuexec_device_vector* out) {
  return guard("gpuexec_fr_vec_mad_device", [&] {
    need(ex, "ex");
    need_vectors(FieldId::Fr, {{a, "a"}, {b, "b"}, {c, "c"}, {out, "out"}});
    ex->cxx.mad(a->cxx, b->cxx, c->cxx, out->cxx);
  });
}

gpuexec_status gpuexec_fr_ntt(gpuexec_executor* ex, uint64_t* data, size_t n,
                              const gpuexec_ntt_options* options) {
  return guard("gpuexec_fr_ntt", [&] {
    need(ex, "ex");
    check_ntt_data(data, n);
    ex->cxx.ntt(elems<Fr>(data, n), to_ntt_options(options));
  });
}

gpuexec_status gpuexec_fr_ntt_device(gpuexec_executor* ex, gpuexec_device_vector* data,
                                     const gpuexec_ntt_options* options) {
  return guard("gpuexec_fr_ntt_device", [&] {
    need(ex, "ex");
    need(data, "data");
    ex->cxx.ntt(data->cxx, to_ntt_options(options));
  });
}

gpuexec_status gpuexec_fr_submit_ntt(gpuexec_executor* ex, uint64_t* data, size_t n,
                                     const gpuexec_ntt_options* options, gpuexec_ticket** out) {
  std::future<void> f;
  const gpuexec_status s = guard("gpuexec_fr_submit_ntt", [&] {
    need(ex, "ex");
    need(out, "out");
    *out = nullptr;
    check_ntt_data(data, n);
    f = ex->cxx.submit_ntt(elems<Fr>(data, n), to_ntt_options(options));
  });
  return s == GPUEXEC_OK ? make_ticket(std::move(f), out) : s;
}

}  // extern "C"
