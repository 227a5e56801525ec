#include "vulkan/ntt_passes.hpp"

#include <algorithm>
#include <vector>

namespace gpuexec::vk {

namespace {

// Fr products per element of a radix-2^t pass's DFT (shaders/ntt_stockham.comp), in quarters:
// an odd t starts with a radix-2 level of none, an even t with a radix-4 stage of one in four;
// every other radix-4 stage takes four in four.
unsigned dft_quarter_products(unsigned t) {
  return t % 2 == 1 ? 4 * (t / 2) : 1 + 4 * (t / 2 - 1);
}

// Radices of the Stockham passes for 2^log_len: as few passes as workgroups of 2^log_cap allow,
// then the fewest products (even radices: 2^20 in 8, 6, 6 takes 0.5 an element fewer than 7, 7,
// 6), then the most balanced, the largest first.
std::vector<unsigned> radices(unsigned log_len, unsigned log_cap) {
  const unsigned passes = (log_len + log_cap - 1) / log_cap;
  std::vector<unsigned> best, t(passes, 1);
  unsigned best_products = ~0u, best_squares = ~0u;
  // Every non-increasing t with entries in 1 .. log_cap summing to log_len (passes <= 4 for any
  // NTT the library runs: a few hundred candidates).
  const auto visit = [&](auto&& self, unsigned i, unsigned left, unsigned most) -> void {
    if (i == passes) {
      if (left != 0) return;
      unsigned products = 0, squares = 0;
      for (unsigned x : t) products += dft_quarter_products(x), squares += x * x;
      if (products < best_products || (products == best_products && squares < best_squares)) {
        best = t, best_products = products, best_squares = squares;
      }
      return;
    }
    for (unsigned x = std::min(most, left); x >= 1; --x) {
      if (x * (passes - i) < left) break;  // the rest cannot reach log_len
      t[i] = x;
      self(self, i + 1, left - x, x);
    }
  };
  visit(visit, 0, log_len, log_cap);
  return best;
}

// The last Stockham pass writes each group back where it read it (Ns R = len: group j's outputs
// j + r len/R are its inputs), so it can run in place; whether it does picks which of the two
// buffers a transform ends in. True for that pass when the passes must move the data `moves`
// (0 or 1) times between the buffers.
bool last_in_place(std::size_t pass, std::size_t passes, std::size_t moves) {
  return pass + 1 == passes && passes % 2 != moves;
}

uint32_t bit_reverse(uint32_t x, unsigned bits) {
  uint32_t r = 0;
  for (unsigned i = 0; i < bits; ++i) r |= ((x >> i) & 1u) << (bits - 1 - i);
  return r;
}

BufferRange sub(const Buffer& b, VkDeviceSize offset, VkDeviceSize bytes) {
  return {b.handle(), offset, bytes};
}

constexpr const char* kPassLabels[] = {"stockham0", "stockham1", "stockham2", "stockham3+"};

}  // namespace

void NttRecorder::stockham_pass(const std::vector<unsigned>& t, std::size_t pass, BufferRange src,
                                BufferRange dst, unsigned log_len, std::size_t vectors,
                                uint32_t twiddle_mult, bool call_scales) {
  NttPush p = base_push();
  p.log_len = log_len;
  p.log_radix = t[pass];
  for (std::size_t i = 0; i < pass; ++i) p.log_ns += t[i];
  if (pass > 0 && p.log_ns + t[pass] <= tw.direct_log) {
    p.pass_tw = tw.direct[dir];
    p.pass_tw_log = tw.direct_log;
  }
  const std::size_t groups = vectors << (log_len - t[pass]);
  p.count = static_cast<uint32_t>(groups);
  BufferRange scales = scale_range;
  if (pass == 0 && twiddle_mult != 0) {
    p.scale = kScaleLoads;
    p.sc_lo = p.tw_lo;
    p.sc_hi = p.tw_hi;
    p.sc_lo_bits = p.tw_lo_bits;
    p.sc_mult = twiddle_mult;
    scales = tw_range;
  } else if (pass == 0 && call_scales && scale_in) {
    use_scale(p, kScaleLoads);
    p.sc_mult = 1;
  } else if (pass + 1 == t.size() && call_scales && scale_out) {
    use_scale(p, kScaleStores);
    p.sc_mult = 1;
  }
  const std::size_t per_workgroup = std::size_t{1} << (log_cap - t[pass]);  // groups
  const std::size_t workgroups = (groups + per_workgroup - 1) / per_workgroup;
  dispatch(*k.stockham, src, dst, p, workgroups * threads, scales);
}

std::size_t stockham_pass_count(unsigned log_len, unsigned log_cap) {
  return radices(log_len, log_cap).size();
}

void record_bound(NttRecorder& r, const Buffer& data, const Buffer& scratch, unsigned log_n,
                  std::size_t batch, std::size_t per_chunk) {
  const VkDeviceSize vec_bytes = kNttElem << log_n;
  const std::vector<unsigned> t = radices(log_n, r.log_cap);
  const std::size_t passes = t.size();
  for (std::size_t first = 0; first < batch; first += per_chunk) {
    const std::size_t vectors = std::min(per_chunk, batch - first);
    const VkDeviceSize bytes = vectors * vec_bytes;
    BufferRange a = sub(data, first * vec_bytes, bytes), b = sub(scratch, 0, bytes);
    for (std::size_t pass = 0; pass < passes; ++pass) {
      // An odd count ends in place, back in data (no copy).
      const bool in_place = last_in_place(pass, passes, 0);
      r.stockham_pass(t, pass, a, in_place ? a : b, log_n, vectors, 0, true);
      r.rec.barrier(Hazard::KernelToKernel);
      r.profile.mark(r.rec, kPassLabels[std::min(pass, std::size(kPassLabels) - 1)]);
      if (!in_place) std::swap(a, b);
    }
  }
}

void record_ranges(NttRecorder& r, const Buffer& data, VkDeviceSize data_offset,
                   const Buffer& scratch, unsigned log_n, unsigned g) {
  const unsigned h = log_n - g;
  const std::size_t H = std::size_t{1} << h, G = std::size_t{1} << g;
  const VkDeviceSize range_bytes = kNttElem * G;
  const auto range = [&](const Buffer& b, std::size_t p) {
    return sub(b, (&b == &data ? data_offset : 0) + p * range_bytes, range_bytes);
  };
  // Radix-2 decimation in frequency across ranges: afterwards range p holds, for every j2, the
  // H-point DFT over j1 of X[j1 G + j2] at i1 = bitreverse(p).
  for (std::size_t m = H / 2; m >= 1; m /= 2) {
    for (std::size_t block = 0; block < H; block += 2 * m) {
      for (std::size_t pos = 0; pos < m; ++pos) {
        NttPush p = r.base_push();
        p.count = static_cast<uint32_t>(G);
        p.tw_exp = static_cast<uint32_t>(pos * (H / (2 * m)) * G);  // w_2m^pos in w_n
        if (m == H / 2 && r.scale_in) {
          r.use_scale(p, kScaleLoads);
          p.sc_base = static_cast<uint32_t>((block + pos) * G);
          p.sc_base_b = static_cast<uint32_t>((block + pos + m) * G);
        }
        r.dispatch(*r.k.cross, range(data, block + pos), range(data, block + pos + m), p, G,
                   r.scale_range);
      }
    }
    r.rec.barrier(Hazard::KernelToKernel);
  }
  r.profile.mark(r.rec, "cross");
  // Per range: a G-point transform of the coset w^i1 (w_G = w_n^H), pass by pass over all ranges.
  const std::vector<unsigned> t = radices(g, r.log_cap);
  const std::size_t passes = t.size();
  // Ending in scratch (an even count's last pass in place), so that the scatter below lands in
  // data with no copy.
  for (std::size_t pass = 0; pass < passes; ++pass) {
    const bool from_data = pass % 2 == 0, in_place = last_in_place(pass, passes, 1);
    for (std::size_t p = 0; p < H; ++p) {
      const auto src = range(from_data ? data : scratch, p);
      r.stockham_pass(t, pass, src, in_place ? src : range(from_data ? scratch : data, p), g, 1,
                      bit_reverse(static_cast<uint32_t>(p), h), false);
    }
    r.rec.barrier(Hazard::KernelToKernel);
  }
  r.profile.mark(r.rec, "stockham");
  // Y[i1 + H i2] = range bitreverse(i1)[i2]: range p's slice q goes strided into range q.
  const std::size_t slice = G / H;
  for (std::size_t i1 = 0; i1 < H; ++i1) {
    const std::size_t p = bit_reverse(static_cast<uint32_t>(i1), h);
    for (std::size_t q = 0; q < H; ++q) {
      NttPush push = r.base_push();
      push.count = static_cast<uint32_t>(slice);
      push.dst_base = static_cast<uint32_t>(i1);
      push.dst_stride = static_cast<uint32_t>(H);
      if (r.scale_out) {
        r.use_scale(push, kScaleStores);
        push.sc_base = static_cast<uint32_t>(q * G + i1);
        push.sc_mult = static_cast<uint32_t>(H);
      }
      BufferRange src = range(scratch, p);
      src.offset += q * slice * kNttElem;
      src.bytes = slice * kNttElem;
      r.dispatch(*r.k.scatter, src, range(data, q), push, slice, r.scale_range);
    }
  }
  r.rec.barrier(Hazard::Any);
  r.profile.mark(r.rec, "scatter");
}

}  // namespace gpuexec::vk
