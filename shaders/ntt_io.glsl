// What the NTT kernels share (src/vulkan/ntt.cpp records them): element loads and stores in the
// variant's words, the push block, and powers read from split tables.
// Bindings: 0 and 1 the data (ranges of at most maxStorageBufferRange), 2 the twiddle tables of
// this length and direction (vulkan/ntt_twiddles.hpp), 3 a table of scale powers (the coset, or
// the twiddle tables again). A power b^e with e < 2^lo_bits * (hi entries) is
// lo[e mod 2^lo_bits] * hi[e >> lo_bits]: two loads and one product, tables of 2 * sqrt(n).
// Specialization constant 0 is local_size_x (NTT_THREADS), 1 the log2 of the elements a Stockham
// workgroup holds in shared memory (NTT_THREADS = 2^NTT_LOG_CAP / 2 or / 4; src/vulkan/ntt.cpp).
layout(local_size_x_id = 0) in;
layout(constant_id = 1) const uint NTT_LOG_CAP = 9u;
#define NTT_THREADS gl_WorkGroupSize.x

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
const uint WORDS = uint(LIMBS / LIMBS_PER_WORD);
#extension GL_EXT_control_flow_attributes : require

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

// A buffer cannot be a function argument: one load / store function per binding.
#define DEFINE_LOAD(fn, buf)                                                  \
  Elem fn(uint i) {                                                           \
    Elem r;                                                                   \
    [[unroll]] for (uint k = 0u; k < WORDS; ++k) {                            \
      WORD w = buf[WORDS * i + k];                                            \
      UNPACK(r, k, w);                                                        \
    }                                                                         \
    return r;                                                                 \
  }
#define DEFINE_STORE(fn, buf)                                                 \
  void fn(uint i, Elem v) {                                                   \
    [[unroll]] for (uint k = 0u; k < WORDS; ++k) buf[WORDS * i + k] = PACK(v, k); \
  }

layout(std430, set = 0, binding = 2) readonly buffer Twiddles { WORD tw_words[]; };
layout(std430, set = 0, binding = 3) readonly buffer Scales { WORD sc_words[]; };
DEFINE_LOAD(load_tw, tw_words)
DEFINE_LOAD(load_sc, sc_words)

// Element indices are per binding (below 2^27 for 32-byte elements and 4 GiB); exponents are
// below n <= 2^32, so uint holds them.
layout(push_constant) uniform Params {
  uint count;      // stockham: radix groups; cross, scatter: elements
  uint log_len;    // stockham: log2 of each vector's length
  uint log_radix;  // stockham: log2 of this pass's radix
  uint log_ns;     // stockham: log2 of the product of the earlier passes' radices
  uint tw_lo, tw_hi, tw_lo_bits;  // split table of w = the 2^tw_log-th root (binding 2)
  uint tw_log;
  uint local_off;  // stockham: the butterfly table L[h + p] = w_2h^p (binding 2)
  uint tw_exp;     // cross: the exponent of the twiddle of this pair of ranges
  uint scale;      // 0: none; 1: loads times b^(base + mult * i); 2: stores times b^(...)
  uint sc_lo, sc_hi, sc_lo_bits;  // split table of b (binding 3)
  uint sc_base, sc_base_b, sc_mult;
  uint dst_base, dst_stride;  // scatter: element i goes to dst_base + dst_stride * i
  uint pass_tw, pass_tw_log;  // stockham: 0, or the direct table of w_(2^pass_tw_log) (binding 2)
} pc;

Elem tw_pow(uint e) {
  return field_mul(load_tw(pc.tw_lo + (e & ((1u << pc.tw_lo_bits) - 1u))),
                   load_tw(pc.tw_hi + (e >> pc.tw_lo_bits)));
}

Elem sc_pow(uint e) {
  return field_mul(load_sc(pc.sc_lo + (e & ((1u << pc.sc_lo_bits) - 1u))),
                   load_sc(pc.sc_hi + (e >> pc.sc_lo_bits)));
}

// Dispatches wider than maxComputeWorkGroupCount[0] spill into y.
uint workgroup_index() {
  return gl_WorkGroupID.x + gl_WorkGroupID.y * gl_NumWorkGroups.x;
}
