// An output file written to a temporary beside its target and renamed into place on commit, so a
// failed or interrupted run never clobbers or half-writes an existing file.
//
// - A symlink is written through: the temporary goes beside the file it points to (followed to
//   the end of the chain; a dangling link creates its target), and the link stays a link.
// - An existing file keeps its permission bits (and its owner and group where we may set them,
//   as root); a new file gets 0666 less the umask, like any program's output.
// - A character device or FIFO (/dev/null, /dev/stdout, a named pipe) is written directly, not
//   atomically: it cannot be replaced by a file, and a reader sees the bytes as they come. A block
//   device or socket is refused.
#pragma once

#include <string>
#include <string_view>

namespace gpuexec::cli {

struct TempSlot;

class AtomicFile {
 public:
  // Creates the temporary now, so an unwritable target fails before any work is done.
  explicit AtomicFile(std::string target);
  ~AtomicFile();  // removes the temporary unless committed
  AtomicFile(const AtomicFile&) = delete;
  AtomicFile& operator=(const AtomicFile&) = delete;

  void write(std::string_view bytes);
  void commit();  // flush, close, rename over the target

  // The file a commit replaces: the target with its symlinks followed.
  const std::string& final_path() const { return final_path_; }

 private:
  std::string target_;      // as the user named it (messages)
  std::string final_path_;  // symlinks followed
  std::string temp_path_;
  TempSlot* slot_ = nullptr;
  int fd_ = -1;
  bool direct_ = false;  // a character device or FIFO, written in place
  bool committed_ = false;
};

}  // namespace gpuexec::cli
