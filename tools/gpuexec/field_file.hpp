// Whole vector files of either field for the commands that need every element at once (ntt,
// msm): read through ElementSource (its checks and messages), decoded and checked on all cores;
// written through an AtomicFile, formatted on all cores.
#pragma once

#include <span>
#include <string>
#include <vector>

#include "atomic_file.hpp"
#include "gpuexec/fp.hpp"
#include "gpuexec/fr.hpp"
#include "vector_file.hpp"

namespace gpuexec::cli {

// F is Fp or Fr. Throws InputError naming the file and the line (hex) or element (bin) of the
// first bad value.
template <class F>
std::vector<F> read_elements(const std::string& path, FileFormat format);

template <class F>
void write_elements(std::span<const F> values, FileFormat format, AtomicFile& out);

}  // namespace gpuexec::cli
