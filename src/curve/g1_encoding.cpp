// zcash / IETF G1 encodings over the canonical Fp codec of fp_encoding.hpp.
#include "gpuexec/g1_encoding.hpp"

#include <algorithm>
#include <array>

#include "curve/g1_formulas.hpp"
#include "gpuexec/fp_encoding.hpp"

namespace gpuexec {
namespace {

constexpr uint8_t kCompressedFlag = 0x80;
constexpr uint8_t kInfinityFlag = 0x40;
constexpr uint8_t kSortFlag = 0x20;
constexpr uint8_t kFlagMask = kCompressedFlag | kInfinityFlag | kSortFlag;

// (p - 1) / 2, plain: y is the larger root exactly when y > (p - 1) / 2.
constexpr Limbs kHalfP = [] {
  Limbs h = fp::kModulus;
  for (std::size_t i = 0; i < 6; ++i) h[i] = (h[i] >> 1) | (i + 1 < 6 ? h[i + 1] << 63 : 0);
  return h;  // p is odd: this is (p - 1) / 2
}();

bool greater(const Limbs& a, const Limbs& b) {
  for (std::size_t i = 6; i-- > 0;) {
    if (a[i] != b[i]) return a[i] > b[i];
  }
  return false;
}

bool y_is_larger(const Fp& y) {
  return greater(fp::from_montgomery(y), kHalfP);
}

bool all_zero(std::span<const uint8_t> bytes) {
  return std::all_of(bytes.begin(), bytes.end(), [](uint8_t b) { return b == 0; });
}

// The coordinate in the first 48 bytes with the flag bits cleared.
std::optional<Fp> masked_x(std::span<const uint8_t> in) {
  std::array<uint8_t, kFpBytes> x;
  std::copy_n(in.begin(), kFpBytes, x.begin());
  x[0] &= static_cast<uint8_t>(~kFlagMask);
  return fp_from_be_bytes(x);
}

G1DecodeError finish(const G1Affine& p, G1Affine& out, G1Check check) {
  if (check == G1Check::Subgroup && !g1::in_subgroup(p)) return G1DecodeError::NotInSubgroup;
  out = p;
  return G1DecodeError::Ok;
}

}  // namespace

std::string_view g1_decode_error_message(G1DecodeError e) {
  switch (e) {
    case G1DecodeError::Ok:
      return "valid G1 point";
    case G1DecodeError::BadFlags:
      return "flag bits do not match the encoding (compression bit for this format, sort bit)";
    case G1DecodeError::InfinityNotZero:
      return "infinity flag set but other bits are not zero";
    case G1DecodeError::CoordinateNotBelowP:
      return "coordinate is not below p";
    case G1DecodeError::NoSquareRoot:
      return "x^3 + 4 is not a square: no curve point has this x";
    case G1DecodeError::NotOnCurve:
      return "point is not on the curve y^2 = x^3 + 4";
    case G1DecodeError::NotInSubgroup:
      return "point is on the curve but not in the G1 subgroup";
  }
  return "unknown G1 decoding error";
}

void g1_to_compressed(const G1Affine& p, std::span<uint8_t, kG1CompressedBytes> out) {
  if (g1::is_infinity(p)) {
    std::fill(out.begin(), out.end(), 0);
    out[0] = kCompressedFlag | kInfinityFlag;
    return;
  }
  fp_to_be_bytes(p.x, out);
  out[0] |= kCompressedFlag;
  if (y_is_larger(p.y)) out[0] |= kSortFlag;
}

void g1_to_uncompressed(const G1Affine& p, std::span<uint8_t, kG1UncompressedBytes> out) {
  if (g1::is_infinity(p)) {
    std::fill(out.begin(), out.end(), 0);
    out[0] = kInfinityFlag;
    return;
  }
  fp_to_be_bytes(p.x, out.first<kFpBytes>());
  fp_to_be_bytes(p.y, out.last<kFpBytes>());
}

G1DecodeError g1_from_compressed(std::span<const uint8_t, kG1CompressedBytes> in, G1Affine& out,
                                 G1Check check) {
  const uint8_t flags = in[0] & kFlagMask;
  if (!(flags & kCompressedFlag)) return G1DecodeError::BadFlags;
  if (flags & kInfinityFlag) {
    if ((in[0] & ~(kCompressedFlag | kInfinityFlag)) != 0 || !all_zero(in.subspan(1))) {
      return G1DecodeError::InfinityNotZero;
    }
    out = {};
    return G1DecodeError::Ok;
  }
  const auto x = masked_x(in);
  if (!x) return G1DecodeError::CoordinateNotBelowP;
  const auto y = fp::sqrt(fp::add(fp::mul(fp::sqr(*x), *x), curve::kB));
  if (!y) return G1DecodeError::NoSquareRoot;
  // y = 0 has no larger root to choose, but no point of this curve has y = 0 (odd order).
  const bool want_larger = (flags & kSortFlag) != 0;
  const Fp chosen = y_is_larger(*y) == want_larger ? *y : fp::neg(*y);
  return finish({*x, chosen}, out, check);
}

G1DecodeError g1_from_uncompressed(std::span<const uint8_t, kG1UncompressedBytes> in, G1Affine& out,
                                   G1Check check) {
  const uint8_t flags = in[0] & kFlagMask;
  if (flags & (kCompressedFlag | kSortFlag)) return G1DecodeError::BadFlags;
  if (flags & kInfinityFlag) {
    if ((in[0] & ~kInfinityFlag) != 0 || !all_zero(in.subspan(1))) {
      return G1DecodeError::InfinityNotZero;
    }
    out = {};
    return G1DecodeError::Ok;
  }
  const auto x = masked_x(in);
  const auto y = fp_from_be_bytes(in.last<kFpBytes>());
  if (!x || !y) return G1DecodeError::CoordinateNotBelowP;
  const G1Affine p{*x, *y};
  // (0, 0) would read as infinity; it is not on the curve, and is_on_curve must not excuse it.
  if (g1::is_infinity(p) || !g1::is_on_curve(p)) return G1DecodeError::NotOnCurve;
  return finish(p, out, check);
}

}  // namespace gpuexec
