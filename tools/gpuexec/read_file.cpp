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

std::string read_fd(int fd, const std::string& label, ReadFn read_fn) {
  if (!read_fn) read_fn = ::read;
  struct stat st;
  if (::fstat(fd, &st) != 0) fail(label, "cannot read", errno);
  if (S_ISDIR(st.st_mode)) throw InputError(fmt::format("{}: cannot read: is a directory", label));
  const bool sized = S_ISREG(st.st_mode) && st.st_size > 0;
  const std::size_t expected = sized ? static_cast<std::size_t>(st.st_size) : 0;
  std::string data;
  try {
    // Regular files: one buffer of the final size; others (pipes, /proc) grow as they come.
    data.resize(sized ? expected : std::size_t{1} << 16);
    std::size_t got = 0;
    for (;;) {
      if (got == data.size()) {
        if (sized) {
          // A byte past the size fstat gave means the file grew while being read.
          char extra;
          const ssize_t n = read_fn(fd, &extra, 1);
          if (n < 0 && errno == EINTR) continue;
          if (n < 0) fail(label, "cannot read", errno);
          if (n > 0) {
            throw InputError(fmt::format(
                "{}: cannot read: the file grew while being read (it had {} bytes when opened)",
                label, expected));
          }
          break;
        }
        data.resize(data.size() * 2);
      }
      const ssize_t n = read_fn(fd, data.data() + got, data.size() - got);
      if (n < 0) {
        if (errno == EINTR) continue;
        fail(label, "cannot read", errno);
      }
      if (n == 0) break;
      got += static_cast<std::size_t>(n);
    }
    if (sized && got != expected) {
      throw InputError(fmt::format(
          "{}: cannot read: the file ended after {} of its {} bytes (truncated while being read?)",
          label, got, expected));
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
