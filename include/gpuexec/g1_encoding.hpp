// The zcash / IETF encodings of G1 points, as files and `gpuexec msm` carry them:
//   uncompressed, 96 bytes: x then y, each 48 bytes big-endian;
//   compressed, 48 bytes: x alone, y recovered as a square root.
// The top three bits of the first byte are flags: 0x80 compressed, 0x40 infinity (every other
// bit then 0), 0x20 sort (compressed only: y is the larger of y and p - y).
#pragma once

#include <cstdint>
#include <span>
#include <string_view>

#include "gpuexec/g1.hpp"

namespace gpuexec {

inline constexpr std::size_t kG1CompressedBytes = 48;
inline constexpr std::size_t kG1UncompressedBytes = 96;

// Why an encoding was refused; Ok when it was not.
enum class G1DecodeError : uint8_t {
  Ok = 0,
  BadFlags,         // compression bit wrong for the format, or sort bit on an uncompressed point
  InfinityNotZero,  // infinity flag with any other bit set
  CoordinateNotBelowP,  // x or y (the flags masked off) is not below p
  NoSquareRoot,         // compressed: x^3 + 4 is not a square, no point has this x
  NotOnCurve,           // uncompressed: y^2 != x^3 + 4
  NotInSubgroup,        // on the curve but outside the order-r subgroup G1
};

// One short phrase, for "point 17: <phrase>".
std::string_view g1_decode_error_message(G1DecodeError e);

// What a decoder checks beyond the encoding itself: OnCurve stops after the curve equation
// (which the compressed form implies); Subgroup adds g1::in_subgroup. Input from files must use
// Subgroup: points outside G1 break the security of whatever uses them.
enum class G1Check : uint8_t { OnCurve, Subgroup };

void g1_to_compressed(const G1Affine& p, std::span<uint8_t, kG1CompressedBytes> out);
void g1_to_uncompressed(const G1Affine& p, std::span<uint8_t, kG1UncompressedBytes> out);

// On Ok, out holds the point (infinity as x = y = 0); otherwise out is unchanged.
G1DecodeError g1_from_compressed(std::span<const uint8_t, kG1CompressedBytes> in, G1Affine& out,
                                 G1Check check = G1Check::Subgroup);
G1DecodeError g1_from_uncompressed(std::span<const uint8_t, kG1UncompressedBytes> in, G1Affine& out,
                                   G1Check check = G1Check::Subgroup);

}  // namespace gpuexec
