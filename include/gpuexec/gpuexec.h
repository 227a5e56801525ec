/* gpuexec C ABI: BLS12-381 Fp and Fr vector arithmetic and the Fr NTT on Vulkan devices and the
 * CPU, for Rust, Go, Python and C callers. Plain C11; no C++ exception crosses it.
 *
 * Fp elements are 6 little-endian uint64 limbs in Montgomery form (x * 2^384 mod p), exactly as
 * blst_fp and arkworks' Fp hold them: pass their arrays as they are. The encoding of 1 is R mod p.
 * Fr elements (the scalar field, gpuexec_fr_* calls) are 4 limbs of x * 2^256 mod r, as blst_fr
 * and arkworks' Fr.
 *
 * Every function that can fail returns a gpuexec_status; on failure gpuexec_last_error() gives
 * this thread's message. Objects are owned by the caller that created them and freed with their
 * destroy function; an executor may be used from several threads at once.
 */
#ifndef GPUEXEC_H
#define GPUEXEC_H

#include <stddef.h>
#include <stdint.h>

#include "gpuexec/version.h"

#ifdef __cplusplus
extern "C" {
#endif

typedef struct gpuexec_executor gpuexec_executor;

typedef enum {
  GPUEXEC_OK = 0,
  GPUEXEC_ERR_INVALID_ARGUMENT,
  GPUEXEC_ERR_NON_CANONICAL,
  GPUEXEC_ERR_NO_DEVICE,
  GPUEXEC_ERR_OUT_OF_MEMORY,
  GPUEXEC_ERR_DEVICE_LOST,
  GPUEXEC_ERR_INTERNAL,
  GPUEXEC_STATUS_FORCE_32BIT = 0x7fffffff /* keeps every int value valid for the enum */
} gpuexec_status;

/* The FORCE_32BIT members make the enums int-sized and every int value a valid one, so that an
   unknown value from a caller is an error the library reports, not undefined behaviour. */
typedef enum {
  GPUEXEC_BACKEND_AUTO = 0,
  GPUEXEC_BACKEND_VULKAN,
  GPUEXEC_BACKEND_CPU,
  GPUEXEC_BACKEND_FORCE_32BIT = 0x7fffffff
} gpuexec_backend;

typedef enum {
  GPUEXEC_OP_ADD = 0,
  GPUEXEC_OP_SUB,
  GPUEXEC_OP_MUL,
  GPUEXEC_OP_MAD, /* out = a * b + c: gpuexec_fp_vec_mad and gpuexec_fp_vec_mad_device only */
  GPUEXEC_OP_FORCE_32BIT = 0x7fffffff
} gpuexec_op;

/* ---- version ---- */
const char* gpuexec_version(void); /* "MAJOR.MINOR.PATCH" */
int gpuexec_version_number(void);  /* MAJOR * 10000 + MINOR * 100 + PATCH */

/* ---- executor ---- */
/* device_index -1: GPUEXEC_DEVICE, else the best device. AUTO falls back to the CPU when no usable
   Vulkan device exists. */
gpuexec_status gpuexec_executor_create(gpuexec_backend backend, int device_index,
                                       gpuexec_executor** out);
void gpuexec_executor_destroy(gpuexec_executor* ex); /* NULL is a no-op */
/* The backend's name, valid until the executor is destroyed. */
const char* gpuexec_executor_backend_name(const gpuexec_executor* ex);

/* out[i] = a[i] op b[i] for n elements (each 6 uint64). out may be a or b exactly (the same
   pointer); an out that overlaps an input only partly is GPUEXEC_ERR_INVALID_ARGUMENT. Inputs may
   overlap each other. Inputs must be reduced (limbs < p): anything else is
   GPUEXEC_ERR_NON_CANONICAL, naming the element. */
gpuexec_status gpuexec_fp_vec_op(gpuexec_executor* ex, gpuexec_op op, const uint64_t* a,
                                 const uint64_t* b, uint64_t* out, size_t n);

/* out[i] = a[i] * b[i] + c[i] for n elements; out may be an input exactly, not overlap one
   partly; inputs reduced. */
gpuexec_status gpuexec_fp_vec_mad(gpuexec_executor* ex, const uint64_t* a, const uint64_t* b,
                                  const uint64_t* c, uint64_t* out, size_t n);

/* The same ops on the file encoding: n elements of 48 big-endian bytes (canonical values) in
   and out, converted where the op runs; c is read by GPUEXEC_OP_MAD only (NULL otherwise). A
   value >= p gives GPUEXEC_ERR_NON_CANONICAL naming the input and element (out is then
   unspecified). out may be an input exactly, not overlap one partly. */
gpuexec_status gpuexec_fp_bytes_op(gpuexec_executor* ex, gpuexec_op op, const uint8_t* a,
                                   const uint8_t* b, const uint8_t* c, uint8_t* out, size_t n);

/* ---- encodings ---- */
gpuexec_status gpuexec_fp_from_be_bytes(const uint8_t in[48],
                                        uint64_t out[6]); /* NON_CANONICAL if >= p */
void gpuexec_fp_to_be_bytes(const uint64_t in[6], uint8_t out[48]);

/* This thread's last failure; never NULL ("" before any failure). */
const char* gpuexec_last_error(void);

/* ---- batches ---- */
typedef struct {
  gpuexec_op op;
  const uint64_t* a;
  const uint64_t* b;
  uint64_t* out;
  size_t n;
} gpuexec_job;

typedef enum {
  GPUEXEC_SCHEDULE_SEQUENTIAL = 0,
  GPUEXEC_SCHEDULE_PIPELINED,
  GPUEXEC_SCHEDULE_FORCE_32BIT = 0x7fffffff
} gpuexec_schedule;

/* Every job is checked before any runs (each job's out as in gpuexec_fp_vec_op). A pipelined
   batch needs independent jobs (no output overlapping another job's vectors). */
gpuexec_status gpuexec_run_batch(gpuexec_executor* ex, const gpuexec_job* jobs, size_t count,
                                 gpuexec_schedule schedule);

/* ---- async tickets ---- */
typedef struct gpuexec_ticket gpuexec_ticket;

/* The job (or batch) runs on the executor's worker thread; its arrays must stay valid until the
   ticket is waited for. The job array itself is copied. */
gpuexec_status gpuexec_submit(gpuexec_executor* ex, const gpuexec_job* job, gpuexec_ticket** out);
gpuexec_status gpuexec_submit_batch(gpuexec_executor* ex, const gpuexec_job* jobs, size_t count,
                                    gpuexec_schedule schedule, gpuexec_ticket** out);
/* Tickets may be polled and waited from any number of threads at once, any number of times.
   1 when the work has finished (waiting will not block), else 0; 0 for NULL. */
int gpuexec_ticket_ready(const gpuexec_ticket* ticket);
/* Blocks until done; returns the work's status, the same on every call from every thread, and on
   failure sets the calling thread's gpuexec_last_error to the work's message. NULL:
   GPUEXEC_ERR_INVALID_ARGUMENT. */
gpuexec_status gpuexec_ticket_wait(gpuexec_ticket* ticket);
/* Waits if still running, then frees. NULL is a no-op. Call it once, after every other thread
   has returned from its ready/wait calls on this ticket: destroying a ticket that another thread
   is still using (or destroying it twice) is the caller's error, which the library cannot
   detect. */
void gpuexec_ticket_destroy(gpuexec_ticket* ticket);

/* ---- device-resident vectors ---- */
typedef struct gpuexec_device_vector gpuexec_device_vector;

gpuexec_status gpuexec_device_vector_create(gpuexec_executor* ex, size_t n,
                                            gpuexec_device_vector** out);
gpuexec_status gpuexec_device_vector_upload(gpuexec_executor* ex, const uint64_t* values, size_t n,
                                            gpuexec_device_vector** out);
/* n elements of the vector's field (6 limbs each for Fp, 4 for Fr). */
gpuexec_status gpuexec_device_vector_write(gpuexec_device_vector* v, const uint64_t* values,
                                           size_t n);
gpuexec_status gpuexec_device_vector_read(const gpuexec_device_vector* v, uint64_t* out, size_t n);
size_t gpuexec_device_vector_size(const gpuexec_device_vector* v);
void gpuexec_device_vector_destroy(gpuexec_device_vector* v); /* NULL is a no-op */
/* out = a op b on the device; all made by ex, of one size; out may be a or b. */
gpuexec_status gpuexec_fp_vec_op_device(gpuexec_executor* ex, gpuexec_op op,
                                        const gpuexec_device_vector* a,
                                        const gpuexec_device_vector* b, gpuexec_device_vector* out);
/* out = a * b + c on the device; all made by ex, of one size; out may be an input. */
gpuexec_status gpuexec_fp_vec_mad_device(gpuexec_executor* ex, const gpuexec_device_vector* a,
                                         const gpuexec_device_vector* b,
                                         const gpuexec_device_vector* c,
                                         gpuexec_device_vector* out);

/* ---- Fr, the scalar field: the same calls over 4-limb elements ---- */
gpuexec_status gpuexec_fr_vec_op(gpuexec_executor* ex, gpuexec_op op, const uint64_t* a,
                                 const uint64_t* b, uint64_t* out, size_t n);
gpuexec_status gpuexec_fr_vec_mad(gpuexec_executor* ex, const uint64_t* a, const uint64_t* b,
                                  const uint64_t* c, uint64_t* out, size_t n);
/* n elements of 32 big-endian bytes (canonical values) in and out. */
gpuexec_status gpuexec_fr_bytes_op(gpuexec_executor* ex, gpuexec_op op, const uint8_t* a,
                                   const uint8_t* b, const uint8_t* c, uint8_t* out, size_t n);
gpuexec_status gpuexec_fr_from_be_bytes(const uint8_t in[32],
                                        uint64_t out[4]); /* NON_CANONICAL if >= r */
void gpuexec_fr_to_be_bytes(const uint64_t in[4], uint8_t out[32]);
/* Jobs whose arrays hold Fr elements (n of 4 limbs each). */
gpuexec_status gpuexec_fr_run_batch(gpuexec_executor* ex, const gpuexec_job* jobs, size_t count,
                                    gpuexec_schedule schedule);
gpuexec_status gpuexec_fr_submit_batch(gpuexec_executor* ex, const gpuexec_job* jobs, size_t count,
                                       gpuexec_schedule schedule, gpuexec_ticket** out);
gpuexec_status gpuexec_fr_device_vector_create(gpuexec_executor* ex, size_t n,
                                               gpuexec_device_vector** out);
gpuexec_status gpuexec_fr_device_vector_upload(gpuexec_executor* ex, const uint64_t* values,
                                               size_t n, gpuexec_device_vector** out);
gpuexec_status gpuexec_fr_vec_op_device(gpuexec_executor* ex, gpuexec_op op,
                                        const gpuexec_device_vector* a,
                                        const gpuexec_device_vector* b, gpuexec_device_vector* out);
gpuexec_status gpuexec_fr_vec_mad_device(gpuexec_executor* ex, const gpuexec_device_vector* a,
                                         const gpuexec_device_vector* b,
                                         const gpuexec_device_vector* c,
                                         gpuexec_device_vector* out);

/* ---- the NTT over Fr ---- */
/* For vectors of n = 2^k elements (k <= 32), natural order in and out, w the 2^k-th root of
   unity w32^(2^(32-k)) (w32 = 7^((r-1)/2^32)), s the coset shift:
     forward: Y[i] = sum_j X[j] (s w^i)^j;  inverse: its exact inverse (scaled by 1/n and s^-j).
   batch vectors of equal length lie back to back. */
typedef struct {
  int inverse;           /* 0: forward, else inverse */
  const uint64_t* coset; /* the shift s, 4 limbs in Montgomery form; NULL: 1 */
  size_t batch;          /* vectors back to back; 0 is taken as 1 */
} gpuexec_ntt_options;

/* In place over n elements (batch vectors of n / batch, a power of two). options NULL: a
   forward transform of one vector. INVALID_ARGUMENT for other lengths or a zero shift,
   NON_CANONICAL for an unreduced element or shift. */
gpuexec_status gpuexec_fr_ntt(gpuexec_executor* ex, uint64_t* data, size_t n,
                              const gpuexec_ntt_options* options);
/* The same on a device vector of Fr made by ex; the data stays on the device. */
gpuexec_status gpuexec_fr_ntt_device(gpuexec_executor* ex, gpuexec_device_vector* data,
                                     const gpuexec_ntt_options* options);
/* gpuexec_fr_ntt on the executor's worker thread; data must stay valid until the ticket is
   waited for (options are copied). */
gpuexec_status gpuexec_fr_submit_ntt(gpuexec_executor* ex, uint64_t* data, size_t n,
                                     const gpuexec_ntt_options* options, gpuexec_ticket** out);

/* ---- G1 multi-scalar multiplication ---- */
/* Points are blst_p1_affine (x, y: 6 Montgomery limbs each, 12 uint64 a point; infinity is all
   zero), scalars blst_scalar (32-byte little-endian integers), results blst_p1 (Jacobian x, y, z:
   18 uint64 a point). Like blst, the MSM calls do NOT check that points are on the curve and in
   G1: check points from outside with gpuexec_g1_check_points first. */
typedef struct gpuexec_msm_bases gpuexec_msm_bases;

/* INVALID_ARGUMENT naming the first point that is off the curve or outside G1; NON_CANONICAL for
   a coordinate not reduced. */
gpuexec_status gpuexec_g1_check_points(const uint64_t* points, size_t n);
/* batch MSMs: results[j] = sum_i [scalars[j n + i]] P_i. The points are shared
   (n_points = n, n_scalars = batch * n) or one set per MSM (n_points = n_scalars = batch * n). */
gpuexec_status gpuexec_g1_msm(gpuexec_executor* ex, const uint64_t* points, size_t n_points,
                              const uint8_t* scalars, size_t n_scalars, uint64_t* results,
                              size_t batch);
/* Bases kept where ex computes (an SRS uploaded once), then MSMs against them:
   n_scalars = batch * the bases' size. */
gpuexec_status gpuexec_msm_bases_create(gpuexec_executor* ex, const uint64_t* points, size_t n,
                                        gpuexec_msm_bases** out);
/* The same with `precompute` copies of each base (precomputed multiples, MsmBasesOptions in
   gpuexec/msm.hpp): fewer windows per MSM on a device, precompute times the memory; 1 is
   gpuexec_msm_bases_create, 0 is INVALID_ARGUMENT. */
gpuexec_status gpuexec_msm_bases_create_precomputed(gpuexec_executor* ex, const uint64_t* points,
                                                    size_t n, unsigned precompute,
                                                    gpuexec_msm_bases** out);
size_t gpuexec_msm_bases_size(const gpuexec_msm_bases* bases);
void gpuexec_msm_bases_destroy(gpuexec_msm_bases* bases); /* NULL is a no-op */
gpuexec_status gpuexec_g1_msm_bases(gpuexec_executor* ex, const gpuexec_msm_bases* bases,
                                    const uint8_t* scalars, size_t n_scalars, uint64_t* results,
                                    size_t batch);

/* ---- pinned host vectors ---- */
/* Host memory for n elements (6 limbs each, zeroed) that ex's device reads and writes directly:
   calls whose arrays all lie in pinned vectors of ex skip the staging copies. It is the
   caller's to read and write as any array until destroyed; destroy it after the jobs using it
   and before ex. */
typedef struct gpuexec_pinned_vector gpuexec_pinned_vector;

gpuexec_status gpuexec_pinned_vector_create(gpuexec_executor* ex, size_t n,
                                            gpuexec_pinned_vector** out);
uint64_t* gpuexec_pinned_vector_data(gpuexec_pinned_vector* v); /* 6 * size limbs; NULL if empty */
size_t gpuexec_pinned_vector_size(const gpuexec_pinned_vector* v);
/* 1 when the device reads it directly, 0 when it is plain host memory (CPU backend, refused). */
int gpuexec_pinned_vector_is_pinned(const gpuexec_pinned_vector* v);
void gpuexec_pinned_vector_destroy(gpuexec_pinned_vector* v); /* NULL is a no-op */

#ifdef __cplusplus
}
#endif

#endif /* GPUEXEC_H */
