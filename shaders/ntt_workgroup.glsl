// A Stockham pass's workgroup (ntt_stockham.comp, ntt_shuffle.comp): NTT_CAP elements in shared
// memory, NTT_CAP / R radix groups of R = 2^t, loaded so that neighbouring invocations read
// neighbouring groups (coalesced) and each group stored bit-reversed; after the DFT levels the
// groups go back out in Stockham order. For each group j of a vector, Ns = the earlier radices'
// product, k = j mod Ns:
//   x[r] = src[j + r len/R] * w_(Ns R)^(r k),  r < R;  X = DFT_R(x);
//   dst[(j / Ns) Ns R + k + r Ns] = X[r].
// The coset (first pass) and the inverse's n^-1 s^-j (last pass) ride on the loads and stores.
layout(std430, set = 0, binding = 0) readonly buffer Src { WORD src_words[]; };
layout(std430, set = 0, binding = 1) writeonly buffer Dst { WORD dst_words[]; };
DEFINE_LOAD(load_src, src_words)
DEFINE_STORE(store_dst, dst_words)

// 2^NTT_LOG_CAP elements: 512 (16 KiB of 32-byte elements, Vulkan's minimum shared memory) or
// 1024; PER_INVOCATION (2 or 4: the workgroup size) loaded and stored by each invocation.
const uint LOG_CAP = NTT_LOG_CAP;
const uint NTT_CAP = 1u << NTT_LOG_CAP;
const uint PER_INVOCATION = NTT_CAP / NTT_THREADS;

// Shared memory limb-major (limb k of element i in sh[k]), the element index's low five bits
// XORed with the next five: in every phase neighbouring invocations then touch different banks,
// or at most 4 on one (a row of 32-byte elements put 8 lanes on a bank, and the loads' and
// stores' strides of R up to 32).
#if LIMB_BITS == 64
#define LIMB uint64_t
#else
#define LIMB uint
#endif
shared LIMB sh[LIMBS][NTT_CAP];
uint swizzle(uint i) {
  return i ^ ((i >> 5u) & 31u);
}
Elem sh_get(uint i) {
  const uint s = swizzle(i);
  Elem r;
  [[unroll]] for (int k = 0; k < LIMBS; ++k) r.l[k] = sh[k][s];
  return r;
}
void sh_put(uint i, Elem x) {
  const uint s = swizzle(i);
  [[unroll]] for (int k = 0; k < LIMBS; ++k) sh[k][s] = x.l[k];
}

// This workgroup's share of the pass.
struct Pass {
  uint t;           // log2 of the radix
  uint log_groups;  // groups per workgroup: NTT_CAP / R
  uint log_per_vec; // groups per vector
  uint first;       // the workgroup's first group
};
Pass this_pass() {
  Pass s;
  s.t = pc.log_radix;
  s.log_groups = LOG_CAP - s.t;
  s.log_per_vec = pc.log_len - s.t;
  s.first = workgroup_index() << s.log_groups;
  return s;
}
bool group_live(Pass s, uint c) {
  return s.first + c < pc.count;
}

// Element h of an invocation's share: element r of the workgroup's group c, which is group j of
// vector b.
struct GroupElement {
  uint r, c, b, j;
};
GroupElement group_element(Pass s, uint h) {
  const uint q = gl_LocalInvocationID.x + h * NTT_THREADS;
  GroupElement e;
  e.r = q >> s.log_groups;
  e.c = q & ((1u << s.log_groups) - 1u);
  const uint g = s.first + e.c;
  e.b = g >> s.log_per_vec;
  e.j = g & ((1u << s.log_per_vec) - 1u);
  return e;
}

// Group c's element r goes to shared slot (c << t) + bitreverse_t(r): the DFT's Cooley-Tukey
// levels then run in place and leave it in natural order. Ends with a barrier.
void load_groups(Pass s) {
  const uint ns_mask = (1u << pc.log_ns) - 1u;
  [[unroll]] for (uint h = 0u; h < PER_INVOCATION; ++h) {
    const GroupElement e = group_element(s, h);
    const uint r = e.r, b = e.b, j = e.j;
    if (group_live(s, e.c)) {
      const uint J = j + (r << s.log_per_vec);
      Elem x = load_src((b << pc.log_len) + J);
      if (pc.scale == 1u) x = field_mul(x, sc_pow(pc.sc_base + pc.sc_mult * J));
      if (pc.log_ns != 0u && r != 0u) {
        const uint p = r * (j & ns_mask);  // w_(Ns R)^p
        x = field_mul(x, pc.pass_tw != 0u
                             ? load_tw(pc.pass_tw + (p << (pc.pass_tw_log - pc.log_ns - s.t)))
                             : tw_pow(p << (pc.tw_log - pc.log_ns - s.t)));
      }
      sh_put((e.c << s.t) + (bitfieldReverse(r) >> (32u - s.t)), x);
    }
  }
  memoryBarrierShared();
  barrier();
}

// After the levels (and a barrier): group c's X[r] from slot (c << t) + r to its Stockham place.
void store_groups(Pass s) {
  const uint ns_mask = (1u << pc.log_ns) - 1u;
  [[unroll]] for (uint h = 0u; h < PER_INVOCATION; ++h) {
    const GroupElement e = group_element(s, h);
    const uint r = e.r, b = e.b, j = e.j;
    if (group_live(s, e.c)) {
      const uint o = ((j >> pc.log_ns) << (pc.log_ns + s.t)) + (j & ns_mask) + (r << pc.log_ns);
      Elem x = sh_get((e.c << s.t) + r);
      if (pc.scale == 2u) x = field_mul(x, sc_pow(pc.sc_base + pc.sc_mult * o));
      store_dst((b << pc.log_len) + o, x);
    }
  }
}
