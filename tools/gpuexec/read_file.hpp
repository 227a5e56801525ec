// Whole-file reads for the CLI's inputs (vector files, manifests, bench JSON) that never take a
// read error for the end of the file.
#pragma once

#include <sys/types.h>

#include <cstddef>
#include <string>

namespace gpuexec::cli {

// The read(2) used by read_fd; tests pass one that fails or stops early.
using ReadFn = ssize_t (*)(int fd, void* buf, std::size_t count);

// Reads `path` whole. Throws InputError naming the file: cannot open, is a directory, a read
// error (EIO, ...), or a regular file that ended before the size it had when opened.
std::string read_whole_file(const std::string& path);

// Reads fd to its end; `label` names the file in errors. A regular file must yield exactly the
// size fstat reports (files in /proc report 0 and are read to their end).
std::string read_fd(int fd, const std::string& label, ReadFn read_fn = nullptr);

}  // namespace gpuexec::cli
