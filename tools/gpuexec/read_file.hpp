// Whole-file reads for the CLI's inputs (vector files, manifests, bench JSON) that never take a
// read error for the end of the file.
#pragma once

#include <sys/types.h>

#include <cstddef>
#include <optional>
#include <string>

namespace gpuexec::cli {

// The read(2) used by read_fd; tests pass one that fails or stops early.
using ReadFn = ssize_t (*)(int fd, void* buf, std::size_t count);

// A file read front to back in pieces (the streaming CLI's inputs), with read_fd's rules: a read
// error is never taken for the end, and a regular file must end at the size it had when opened.
class FileReader {
 public:
  // Opens path; throws InputError naming it (cannot open, is a directory).
  explicit FileReader(const std::string& path);
  // Reads an open descriptor, which stays the caller's.
  FileReader(int fd, std::string label, ReadFn read_fn = nullptr);
  ~FileReader();
  FileReader(const FileReader&) = delete;
  FileReader& operator=(const FileReader&) = delete;

  // Fills buf with up to `want` bytes; fewer only at the end of the file. Throws InputError on a
  // read error, or when a regular file ends short of (or grows past) its size at open.
  std::size_t read(char* buf, std::size_t want);
  // A regular file's size when opened; none for pipes, devices and files that report 0 (/proc).
  std::optional<std::size_t> size() const { return size_; }
  std::size_t bytes_read() const { return got_; }
  const std::string& label() const { return label_; }

 private:
  FileReader(int fd, std::string label, ReadFn read_fn, bool owned);
  void check_end();

  int fd_ = -1;
  bool owned_ = false;
  std::string label_;
  ReadFn read_fn_;
  std::optional<std::size_t> size_;
  std::size_t got_ = 0;
  bool ended_ = false;
};

// Reads `path` whole. Throws InputError naming the file: cannot open, is a directory, a read
// error (EIO, ...), or a regular file that ended before the size it had when opened.
std::string read_whole_file(const std::string& path);

// Reads fd to its end; `label` names the file in errors. A regular file must yield exactly the
// size fstat reports (files in /proc report 0 and are read to their end).
std::string read_fd(int fd, const std::string& label, ReadFn read_fn = nullptr);

}  // namespace gpuexec::cli
