// The C ABI's vectors: device-resident vectors and pinned host vectors.
#include "core/c_api_support.hpp"

using namespace gpuexec::capi;
using gpuexec::FieldId;
using gpuexec::Fp;
using gpuexec::Fr;

namespace {
template <class F>
void write_values(gpuexec_device_vector* v, const uint64_t* values, size_t n) {
  check_array<F>(values, n, "values");
  check_reduced<F>(values, n, "values");
  v->cxx.write(elems<F>(values, n));
}

template <class F>
void read_values(const gpuexec_device_vector* v, uint64_t* out, size_t n) {
  check_array<F>(out, n, "out");
  v->cxx.read(elems<F>(out, n));
}
}  // namespace

extern "C" {

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
    if (v->cxx.field() == FieldId::Fr) return write_values<Fr>(v, values, n);
    write_values<Fp>(v, values, n);
  });
}

gpuexec_status gpuexec_device_vector_read(const gpuexec_device_vector* v, uint64_t* out, size_t n) {
  return guard("gpuexec_device_vector_read", [&] {
    need(v, "v");
    if (v->cxx.field() == FieldId::Fr) return read_values<Fr>(v, out, n);
    read_values<Fp>(v, out, n);
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
    need_vectors(FieldId::Fp, {{a, "a"}, {b, "b"}, {out, "out"}});
    ex->cxx.run(to_op(op), a->cxx, b->cxx, out->cxx);
  });
}

gpuexec_status gpuexec_fp_vec_mad_device(gpuexec_executor* ex, const gpuexec_device_vector* a,
                                         const gpuexec_device_vector* b,
                                         const gpuexec_device_vector* c,
                                         gpuexec_device_vector* out) {
  return guard("gpuexec_fp_vec_mad_device", [&] {
    need(ex, "ex");
    need_vectors(FieldId::Fp, {{a, "a"}, {b, "b"}, {c, "c"}, {out, "out"}});
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
