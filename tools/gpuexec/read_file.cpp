#include "read_file.hpp"

#include <fcntl.h>
#include <fmt/format.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <new>

#include "input_error.hpp"

namespace gpuexec::cli {

namespace {
[[noreturn]] void fail(const std::string& label, const char* what, int err) {
  throw InputError(fmt::format("{}: {}: {}", label, what, std::strerror(err)));
}

struct Fd {
  int fd;
  ~Fd() {
    if (fd >= 0) ::close(fd);
  }
};
}  // namespace

FileReader::FileReader(const std::string& path)
    : FileReader(::open(path.c_str(), O_RDONLY | O_CLOEXEC), path, nullptr, true) {}

FileReader::FileReader(int fd, std::string label, ReadFn read_fn)
    : FileReader(fd, std::move(label), read_fn, false) {}

FileReader::FileReader(int fd, std::string label, ReadFn read_fn, bool owned)
    : fd_(fd), owned_(owned), label_(std::move(label)), read_fn_(read_fn ? read_fn : ::read) {
  if (fd_ < 0) fail(label_, "cannot open", errno);
  try {
    struct stat st;
    if (::fstat(fd_, &st) != 0) fail(label_, "cannot read", errno);
    if (S_ISDIR(st.st_mode)) {
      throw InputError(fmt::format("{}: cannot read: is a directory", label_));
    }
    if (S_ISREG(st.st_mode) && st.st_size > 0) size_ = static_cast<std::size_t>(st.st_size);
  } catch (...) {
    if (owned_) ::close(fd_);  // no destructor runs for a constructor that throws
    throw;
  }
}

FileReader::~FileReader() {
  if (owned_ && fd_ >= 0) ::close(fd_);
}

std::size_t FileReader::read(char* buf, std::size_t want) {
  std::size_t filled = 0;
  while (filled < want && !ended_) {
    const ssize_t n = read_fn_(fd_, buf + filled, want - filled);
    if (n < 0) {
      if (errno == EINTR) continue;
      fail(label_, "cannot read", errno);
    }
    if (n == 0) {
      check_end();
      break;
    }
    filled += static_cast<std::size_t>(n);
    got_ += static_cast<std::size_t>(n);
    if (size_ && got_ > *size_) {
      throw InputError(fmt::format(
          "{}: cannot read: the file grew while being read (it had {} bytes when opened)", label_,
          *size_));
    }
  }
  return filled;
}

void FileReader::check_end() {
  ended_ = true;
  if (size_ && got_ != *size_) {
    throw InputError(fmt::format(
        "{}: cannot read: the file ended after {} of its {} bytes (truncated while being read?)",
        label_, got_, *size_));
  }
}

std::string read_fd(int fd, const std::string& label, ReadFn read_fn) {
  FileReader reader(fd, label, read_fn);
  std::string data;
  try {
    // Regular files: one buffer of the final size (and a byte more, to see the end); others
    // (pipes, /proc) grow as they come.
    data.resize(reader.size() ? *reader.size() + 1 : std::size_t{1} << 16);
    std::size_t got = 0;
    for (;;) {
      const std::size_t n = reader.read(data.data() + got, data.size() - got);
      got += n;
      if (got < data.size()) break;  // the end
      data.resize(data.size() * 2);
    }
    data.resize(got);
  } catch (const std::bad_alloc&) {
    fail(label, "cannot read", ENOMEM);
  }
  return data;
}

std::string read_whole_file(const std::string& path) {
  Fd f{::open(path.c_str(), O_RDONLY | O_CLOEXEC)};
  if (f.fd < 0) fail(path, "cannot open", errno);
  return read_fd(f.fd, path);
}

}  // namespace gpuexec::cli
