// The end-to-end suite's files: a scratch directory removed on every exit (also on error and on
// SIGINT/SIGTERM), vector files written in bounded memory, and the check of an output by a hash
// of its bytes against the expected encoding, computed chunk by chunk without holding vectors.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

#include "gpuexec/op.hpp"

namespace gpuexec::cli {

struct TempSlot;

// The file formats of `gpuexec run --format`, encoded here from the public field encoding: the
// suite shares no file code with the `run` it measures.
enum class E2eFormat { Bin, Hex };
const char* format_name(E2eFormat format);

class E2eDir {
 public:
  E2eDir();  // a new directory under $TMPDIR (else /tmp)
  ~E2eDir();
  E2eDir(const E2eDir&) = delete;
  E2eDir& operator=(const E2eDir&) = delete;

  const std::string& path() const { return path_; }
  // A path inside the directory, known to the signal handlers from now on.
  std::string file(const std::string& name);
  uint64_t free_bytes() const;  // statvfs: what an unprivileged writer may still use

 private:
  std::string path_;
  std::vector<TempSlot*> slots_;
};

// Bytes per element in a file: 48 (bin) or 99 ("0x", 96 digits, newline).
std::size_t element_bytes(E2eFormat format);

// Input `which` (0 = a, 1 = b, 2 = c) of n elements from `seed`, written in chunks; returns the
// hash of its bytes (a floor's output, a copy of a, is checked against it).
uint64_t write_input_file(const std::string& path, int which, std::size_t n, E2eFormat format,
                          uint64_t seed);

// The hash an output of `op` over the inputs above must have, computed chunk by chunk.
uint64_t expected_output_hash(Op op, std::size_t n, E2eFormat format, uint64_t seed);

// The hash of a file's bytes, or 0 when its size is not n elements (or it cannot be read).
uint64_t file_hash(const std::string& path, std::size_t n, E2eFormat format);

}  // namespace gpuexec::cli
