// Bindings and indexing of the element-wise kernels, for INPUTS input vectors (2 or 3):
// bindings 0 .. INPUTS-1 are the inputs (possibly ranges of one buffer), binding INPUTS the
// output; push constant n = elements in this dispatch; specialization constant 0 = local_size_x.
// Elements move as WORDs of LOAD_BYTES: u64 (8), u64vec2 or uvec4 (16).
layout(local_size_x_id = 0) in;

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

// A buffer cannot be a function argument: one load function per input binding.
#define DEFINE_LOAD(fn, buf)                                                  \
  Elem fn(uint i) {                                                           \
    Elem r;                                                                   \
    WORD_LOOP for (int k = 0; k < WORDS; ++k) {                               \
      WORD w = buf[WORDS * i + k];                                            \
      UNPACK(r, k, w);                                                        \
    }                                                                         \
    return r;                                                                 \
  }
DEFINE_LOAD(load_a, in0)
DEFINE_LOAD(load_b, in1)
#if INPUTS == 3
DEFINE_LOAD(load_c, in2)
#endif

void store_out(uint i, Elem v) {
  WORD_LOOP for (int k = 0; k < WORDS; ++k) out_words[WORDS * i + k] = PACK(v, k);
}
