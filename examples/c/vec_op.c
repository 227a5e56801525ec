/* A C program on the installed library: exact results on the CPU and Vulkan backends, out
 * aliasing a, the blst Montgomery layout, device vectors, a ticket, and clear errors for bad
 * arguments. Exit status 0 when every check passes.
 * Build: cc vec_op.c $(pkg-config --cflags --libs gpuexec) */
#include <gpuexec/gpuexec.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static int failures = 0;
#define CHECK(cond)                                                      \
  do {                                                                   \
    if (!(cond)) {                                                       \
      fprintf(stderr, "%s:%d: failed: %s\n", __FILE__, __LINE__, #cond); \
      ++failures;                                                        \
    }                                                                    \
  } while (0)

/* The canonical big-endian value v (a small integer) as Montgomery limbs. */
static void small(uint64_t v, uint64_t out[6]) {
  uint8_t be[48] = {0};
  for (int i = 0; i < 8; ++i) be[47 - i] = (uint8_t)(v >> (8 * i));
  CHECK(gpuexec_fp_from_be_bytes(be, out) == GPUEXEC_OK);
}

static uint64_t value_of(const uint64_t limbs[6]) {
  uint8_t be[48];
  gpuexec_fp_to_be_bytes(limbs, be);
  uint64_t v = 0;
  for (int i = 0; i < 8; ++i) v |= (uint64_t)be[47 - i] << (8 * i);
  return v;
}

static void run_backend(gpuexec_backend backend) {
  gpuexec_executor* ex = NULL;
  if (gpuexec_executor_create(backend, -1, &ex) != GPUEXEC_OK) {
    fprintf(stderr, "no executor: %s\n", gpuexec_last_error());
    ++failures;
    return;
  }
  printf("backend: %s\n", gpuexec_executor_backend_name(ex));
  enum { N = 1000 };
  uint64_t* a = malloc(N * 48);
  uint64_t* b = malloc(N * 48);
  uint64_t* out = malloc(N * 48);
  for (uint64_t i = 0; i < N; ++i) {
    small(i + 2, a + 6 * i);
    small(3 * i + 1, b + 6 * i);
  }
  CHECK(gpuexec_fp_vec_op(ex, GPUEXEC_OP_MUL, a, b, out, N) == GPUEXEC_OK);
  for (uint64_t i = 0; i < N; ++i) CHECK(value_of(out + 6 * i) == (i + 2) * (3 * i + 1));
  /* out aliasing a: a = a + b */
  CHECK(gpuexec_fp_vec_op(ex, GPUEXEC_OP_ADD, a, b, a, N) == GPUEXEC_OK);
  for (uint64_t i = 0; i < N; ++i) CHECK(value_of(a + 6 * i) == (i + 2) + (3 * i + 1));
  /* sub wrapping below zero: 1 - 2 = p - 1, whose low 64 bits are 0xb9feffffffffaaaa */
  uint64_t one[6], two[6], r[6];
  small(1, one);
  small(2, two);
  CHECK(gpuexec_fp_vec_op(ex, GPUEXEC_OP_SUB, one, two, r, 1) == GPUEXEC_OK);
  CHECK(value_of(r) == 0xb9feffffffffaaaaull);

  /* Device vectors and a ticket. */
  gpuexec_device_vector *da = NULL, *db = NULL;
  CHECK(gpuexec_device_vector_upload(ex, b, N, &da) == GPUEXEC_OK);
  CHECK(gpuexec_device_vector_upload(ex, b, N, &db) == GPUEXEC_OK);
  CHECK(gpuexec_fp_vec_op_device(ex, GPUEXEC_OP_ADD, da, db, da) == GPUEXEC_OK);
  CHECK(gpuexec_device_vector_read(da, out, N) == GPUEXEC_OK);
  for (uint64_t i = 0; i < N; ++i) CHECK(value_of(out + 6 * i) == 2 * (3 * i + 1));
  gpuexec_device_vector_destroy(da);
  gpuexec_device_vector_destroy(db);
  gpuexec_job job = {GPUEXEC_OP_MUL, b, b, out, N};
  gpuexec_ticket* t = NULL;
  CHECK(gpuexec_submit(ex, &job, &t) == GPUEXEC_OK);
  CHECK(gpuexec_ticket_wait(t) == GPUEXEC_OK);
  CHECK(gpuexec_ticket_ready(t) == 1);
  gpuexec_ticket_destroy(t);
  CHECK(value_of(out + 6 * 10) == 31 * 31);

  /* Bad arguments: clear errors, never a crash. */
  CHECK(gpuexec_fp_vec_op(ex, GPUEXEC_OP_ADD, NULL, b, out, N) == GPUEXEC_ERR_INVALID_ARGUMENT);
  CHECK(strstr(gpuexec_last_error(), "a is NULL") != NULL);
  CHECK(gpuexec_fp_vec_op(ex, GPUEXEC_OP_ADD, a, b, out, SIZE_MAX / 8) ==
        GPUEXEC_ERR_INVALID_ARGUMENT);
  CHECK(strstr(gpuexec_last_error(), "overflow") != NULL);
  CHECK(gpuexec_fp_vec_op(ex, (gpuexec_op)7, a, b, out, N) == GPUEXEC_ERR_INVALID_ARGUMENT);
  uint64_t not_reduced[6] = {~0ull, ~0ull, ~0ull, ~0ull, ~0ull, ~0ull};
  CHECK(gpuexec_fp_vec_op(ex, GPUEXEC_OP_ADD, not_reduced, one, r, 1) == GPUEXEC_ERR_NON_CANONICAL);
  CHECK(strstr(gpuexec_last_error(), "a[0]") != NULL);
  CHECK(gpuexec_fp_vec_op(NULL, GPUEXEC_OP_ADD, a, b, out, N) == GPUEXEC_ERR_INVALID_ARGUMENT);
  CHECK(gpuexec_fp_vec_op(ex, GPUEXEC_OP_ADD, NULL, NULL, NULL, 0) == GPUEXEC_OK);
  free(a);
  free(b);
  free(out);
  gpuexec_executor_destroy(ex);
}

int main(void) {
  printf("gpuexec %s (%d)\n", gpuexec_version(), gpuexec_version_number());
  CHECK(gpuexec_version_number() == GPUEXEC_VERSION_NUMBER);
  /* The encoding of 1 is R mod p, limb for limb as blst_fp holds it. */
  uint64_t one[6];
  small(1, one);
  const uint64_t r[6] = {0x760900000002fffdull, 0xebf4000bc40c0002ull, 0x5f48985753c758baull,
                         0x77ce585370525745ull, 0x5c071a97a256ec6dull, 0x15f65ec3fa80e493ull};
  CHECK(memcmp(one, r, sizeof r) == 0);
  /* p itself is refused. */
  const uint8_t p_be[48] = {0x1a, 0x01, 0x11, 0xea, 0x39, 0x7f, 0xe6, 0x9a, 0x4b, 0x1b, 0xa7, 0xb6,
                            0x43, 0x4b, 0xac, 0xd7, 0x64, 0x77, 0x4b, 0x84, 0xf3, 0x85, 0x12, 0xbf,
                            0x67, 0x30, 0xd2, 0xa0, 0xf6, 0xb0, 0xf6, 0x24, 0x1e, 0xab, 0xff, 0xfe,
                            0xb1, 0x53, 0xff, 0xff, 0xb9, 0xfe, 0xff, 0xff, 0xff, 0xff, 0xaa, 0xab};
  uint64_t limbs[6];
  CHECK(gpuexec_fp_from_be_bytes(p_be, limbs) == GPUEXEC_ERR_NON_CANONICAL);
  CHECK(gpuexec_last_error()[0] != '\0');
  gpuexec_executor* none = NULL;
  CHECK(gpuexec_executor_create(GPUEXEC_BACKEND_VULKAN, 99, &none) == GPUEXEC_ERR_INVALID_ARGUMENT);
  CHECK(none == NULL);
  run_backend(GPUEXEC_BACKEND_CPU);
  run_backend(GPUEXEC_BACKEND_VULKAN);
  printf(failures ? "FAILED: %d checks\n" : "all checks passed\n", failures);
  return failures ? 1 : 0;
}
