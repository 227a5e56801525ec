// An output file written to a temporary beside its target and renamed into place on commit, so a
// failed run never clobbers or half-writes an existing file.
#pragma once

#include <string>
#include <string_view>

namespace gpuexec::cli {

class AtomicFile {
 public:
  // Creates the temporary now, so an unwritable target fails before any work is done.
  explicit AtomicFile(std::string target);
  ~AtomicFile();  // removes the temporary unless committed
  AtomicFile(const AtomicFile&) = delete;
  AtomicFile& operator=(const AtomicFile&) = delete;

  void write(std::string_view bytes);
  void commit();  // flush, close, rename over the target

 private:
  std::string target_;
  std::string temp_path_;
  int fd_ = -1;
  bool committed_ = false;
};

}  // namespace gpuexec::cli
