// Bindings and indexing of the element-wise kernels, for INPUTS input vectors (2 or 3):
// bindings 0 .. INPUTS-1 are the inputs (possibly ranges of one buffer), binding INPUTS the
// output; push constant n = elements in this dispatch; specialization constant 0 = local_size_x.
// Elements move as WORDs of LOAD_BYTES: u64 (8), u64vec2 or uvec4 (16).
// IO_BE: the buffers hold the file encoding instead (big-endian canonical bytes, 4 * W32 per
// element) moved as uvec2 (8) or uvec4 (16); loads convert to Elem limbs and check the value,
// stores convert back, and an element with a non-canonical input is stored as the rejection
// mark (byte 0 = 0xFF, which no canonical value starts with; byte 1 = the input's index).
layout(local_size_x_id = 0) in;

#ifndef IO_BE

#if LIMB_BITS == 64 && LOAD_BYTES == 8
#define WORD uint64_t
#define LIMBS_PER_WORD 1
#elif LIMB_BITS == 64 && LOAD_BYTES == 16
#define WORD u64vec2
#define LIMBS_PER_WORD 2
#elif LIMB_BITS == 32 && LOAD_BYTES == 16
#define WORD uvec4
#define LIMBS_PER_WORD 4
#else
#error "unsupported LIMB_BITS / LOAD_BYTES"
#endif
const int WORDS = LIMBS / LIMBS_PER_WORD;
// The vector variants unroll their word loops into the straight-line code of the hand-written
// loads they replace; the scalar loop stays a loop, as it was: the SPIR-V is unchanged.
#if LIMBS_PER_WORD > 1
#extension GL_EXT_control_flow_attributes : require
#define WORD_LOOP [[unroll]]
#else
#define WORD_LOOP
#endif
#else
#if LOAD_BYTES == 8
#define WORD uvec2
#define U32_PER_WORD 2
#elif LOAD_BYTES == 16
#define WORD uvec4
#define U32_PER_WORD 4
#else
#error "unsupported LOAD_BYTES"
#endif
const int W32 = LIMBS * (LIMB_BITS / 32);
const int WORDS = W32 / U32_PER_WORD;
#extension GL_EXT_control_flow_attributes : require
#define WORD_LOOP [[unroll]]
#endif

layout(std430, set = 0, binding = 0) readonly buffer In0 { WORD in0[]; };
layout(std430, set = 0, binding = 1) readonly buffer In1 { WORD in1[]; };
#if INPUTS == 3
layout(std430, set = 0, binding = 2) readonly buffer In2 { WORD in2[]; };
#endif
layout(std430, set = 0, binding = INPUTS) writeonly buffer Out { WORD out_words[]; };

layout(push_constant) uniform Params {
  uint n;  // elements in this dispatch
} params;

// Dispatches wider than maxComputeWorkGroupCount[0] spill into y.
uint element_index() {
  return gl_GlobalInvocationID.x + gl_GlobalInvocationID.y * gl_NumWorkGroups.x * gl_WorkGroupSize.x;
}

#ifndef IO_BE
// UNPACK stores word w as limbs k*LIMBS_PER_WORD.. of r; PACK builds word k of v.
#if LIMBS_PER_WORD == 1
#define UNPACK(r, k, w) r.l[k] = w
#define PACK(v, k) v.l[k]
#elif LIMBS_PER_WORD == 2
#define UNPACK(r, k, w) r.l[2 * k] = w.x; r.l[2 * k + 1] = w.y
#define PACK(v, k) WORD(v.l[2 * k], v.l[2 * k + 1])
#else
#define UNPACK(r, k, w) r.l[4 * k] = w.x; r.l[4 * k + 1] = w.y; r.l[4 * k + 2] = w.z; r.l[4 * k + 3] = w.w
#define PACK(v, k) WORD(v.l[4 * k], v.l[4 * k + 1], v.l[4 * k + 2], v.l[4 * k + 3])
#endif

// Coalesced IO (specialization constant 1 = 1): a workgroup's words move between the buffers and
// shared memory as consecutive words, lane t taking words t, t + LS, ..., so that each
// subgroup-wide load or store covers whole memory sectors; each lane then takes its element's
// words from shared memory. Without it, lane t reads words WORDS * t .. WORDS * t + WORDS - 1
// (an Fp element: a stride of 48 bytes), touching each sector in several instructions.
layout(constant_id = 1) const uint COALESCED_IO = 0;
const bool COALESCED = COALESCED_IO != 0;
const uint IO_LANES = COALESCED_IO * (gl_WorkGroupSize.x - 1) + 1;  // 1 when off
shared WORD io_tile[INPUTS * WORDS * IO_LANES];

// This workgroup's words of every input into io_tile (input q at q * WORDS * LS); every lane takes
// part, in range or not. Returns whether lane i holds an element.
bool stage_inputs(uint i) {
  if (!COALESCED) return i < params.n;
  const uint lanes = gl_WorkGroupSize.x, t = gl_LocalInvocationID.x;
  const uint first = WORDS * (i - t), end = WORDS * params.n;
  WORD_LOOP for (int k = 0; k < WORDS; ++k) {
    const uint w = first + t + k * lanes, s = t + k * lanes;
    if (w < end) {
      io_tile[s] = in0[w];
      io_tile[WORDS * lanes + s] = in1[w];
#if INPUTS == 3
      io_tile[2 * WORDS * lanes + s] = in2[w];
#endif
    }
  }
  barrier();
  return true;
}

// A buffer cannot be a function argument: one load function per input binding. Under coalesced
// IO they read the lane's words of input q from io_tile.
#define DEFINE_LOAD(fn, buf, q)                                               \
  Elem fn(uint i) {                                                           \
    Elem r;                                                                   \
    WORD_LOOP for (int k = 0; k < WORDS; ++k) {                               \
      WORD w = COALESCED ? io_tile[(q * gl_WorkGroupSize.x + gl_LocalInvocationID.x) * WORDS + k] \
                         : buf[WORDS * i + k];                                \
      UNPACK(r, k, w);                                                        \
    }                                                                         \
    return r;                                                                 \
  }
DEFINE_LOAD(load_a, in0, 0)
DEFINE_LOAD(load_b, in1, 1)
#if INPUTS == 3
DEFINE_LOAD(load_c, in2, 2)
#endif

// Under coalesced IO every lane of the workgroup calls it (after stage_inputs); lanes past n
// store nothing.
void store_out(uint i, Elem v) {
  if (!COALESCED) {
    WORD_LOOP for (int k = 0; k < WORDS; ++k) out_words[WORDS * i + k] = PACK(v, k);
    return;
  }
  const uint lanes = gl_WorkGroupSize.x, t = gl_LocalInvocationID.x;
  barrier();  // every lane has read its inputs from io_tile
  if (i < params.n) {
    WORD_LOOP for (int k = 0; k < WORDS; ++k) io_tile[WORDS * t + k] = PACK(v, k);
  }
  barrier();
  const uint first = WORDS * (i - t), end = WORDS * params.n;
  WORD_LOOP for (int k = 0; k < WORDS; ++k) {
    const uint w = first + t + k * lanes;
    if (w < end) out_words[w] = io_tile[t + k * lanes];
  }
}
#else
uint bswap32(uint x) {
  return (x << 24) | ((x & 0xff00u) << 8) | ((x >> 8) & 0xff00u) | (x >> 24);
}

// Memory word j of an element holds its big-endian bytes 4j .. 4j+3, so 32-bit limb k (little
// endian) is word W32-1-k byte-swapped.
Elem elem_from_be(uint w[W32]) {
  Elem r;
#if LIMB_BITS == 32
  WORD_LOOP for (int k = 0; k < LIMBS; ++k) r.l[k] = bswap32(w[W32 - 1 - k]);
#else
  WORD_LOOP for (int k = 0; k < LIMBS; ++k) {
    r.l[k] = packUint2x32(uvec2(bswap32(w[W32 - 1 - 2 * k]), bswap32(w[W32 - 2 - 2 * k])));
  }
#endif
  return r;
}

void elem_to_be(Elem v, out uint w[W32]) {
#if LIMB_BITS == 32
  WORD_LOOP for (int k = 0; k < LIMBS; ++k) w[W32 - 1 - k] = bswap32(v.l[k]);
#else
  WORD_LOOP for (int k = 0; k < LIMBS; ++k) {
    uvec2 h = unpackUint2x32(v.l[k]);
    w[W32 - 1 - 2 * k] = bswap32(h.x);
    w[W32 - 2 - 2 * k] = bswap32(h.y);
  }
#endif
}

// The encoded kernels move their words lane by lane (no coalesced IO).
bool stage_inputs(uint i) {
  return i < params.n;
}

// The first input (in argument order) of this invocation that was not canonical, or none.
const uint NO_REJECT = 0xffffffffu;
uint rejected_input = NO_REJECT;

#define DEFINE_LOAD(fn, buf, index)                                           \
  Elem fn(uint i) {                                                           \
    uint w[W32];                                                              \
    WORD_LOOP for (int k = 0; k < WORDS; ++k) {                               \
      WORD v = buf[WORDS * i + k];                                            \
      WORD_LOOP for (int j = 0; j < U32_PER_WORD; ++j) w[U32_PER_WORD * k + j] = v[j]; \
    }                                                                         \
    Elem r = elem_from_be(w);                                                 \
    if (rejected_input == NO_REJECT && !field_is_reduced(r)) rejected_input = index; \
    return r;                                                                 \
  }
DEFINE_LOAD(load_a, in0, 0u)
DEFINE_LOAD(load_b, in1, 1u)
#if INPUTS == 3
DEFINE_LOAD(load_c, in2, 2u)
#endif

void store_out(uint i, Elem v) {
  uint w[W32];
  elem_to_be(v, w);
  if (rejected_input != NO_REJECT) {
    for (int k = 0; k < W32; ++k) w[k] = 0u;
    w[0] = 0xffu | (rejected_input << 8);  // bytes 0xFF, index, 0, 0
  }
  WORD_LOOP for (int k = 0; k < WORDS; ++k) {
    WORD v;
    WORD_LOOP for (int j = 0; j < U32_PER_WORD; ++j) v[j] = w[U32_PER_WORD * k + j];
    out_words[WORDS * i + k] = v;
  }
}
#endif

// The product of two canonical values: in Montgomery form field_mul is the product; on plain
// values it leaves a * b / R, which field_r2 takes back to a * b.
#ifndef IO_BE
#define FIELD_MUL(a, b) field_mul(a, b)
#else
#define FIELD_MUL(a, b) field_mul(field_mul(a, b), field_r2())
#endif
