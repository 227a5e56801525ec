// Files of G1 points in the zcash / IETF encodings (msm's input and output, gen's output):
// uncompressed (96 bytes) or compressed (48), back to back (bin) or one a line as hex.
#pragma once

#include <string>
#include <vector>

#include "gpuexec/g1.hpp"
#include "vector_file.hpp"

namespace gpuexec::cli {

// Every point of the file, decoded and checked (coordinates, flags, curve, subgroup) on all
// cores; throws InputError naming the file and the first bad point (bin: element, hex: line
// and point) and why.
std::vector<G1Affine> read_points(const std::string& path, FileFormat format, bool compressed);

// The file's bytes for the points.
std::string points_file_bytes(std::span<const G1Affine> points, FileFormat format, bool compressed);

}  // namespace gpuexec::cli
