#include "atomic_file.hpp"

#include <fcntl.h>
#include <fmt/format.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <vector>

#include "input_error.hpp"

namespace gpuexec::cli {

namespace {
[[noreturn]] void fail(const std::string& target, const char* what) {
  throw InputError(
      fmt::format("{}: cannot write output: {}: {}", target, what, std::strerror(errno)));
}
}  // namespace

AtomicFile::AtomicFile(std::string target) : target_(std::move(target)) {
  struct stat st;
  if (::stat(target_.c_str(), &st) == 0 && S_ISDIR(st.st_mode)) {
    errno = EISDIR;
    fail(target_, "is a directory");
  }
  const std::filesystem::path path(target_);
  const std::string dir = path.has_parent_path() ? path.parent_path().string() : ".";
  std::string pattern = dir + "/." + path.filename().string() + ".tmp.XXXXXX";
  std::vector<char> buf(pattern.begin(), pattern.end());
  buf.push_back('\0');
  fd_ = ::mkstemp(buf.data());
  if (fd_ < 0) fail(target_, "cannot create a temporary file beside it");
  temp_path_ = buf.data();
  ::fchmod(fd_, 0644);
}

AtomicFile::~AtomicFile() {
  if (fd_ >= 0) ::close(fd_);
  if (!committed_ && !temp_path_.empty()) ::unlink(temp_path_.c_str());
}

void AtomicFile::write(std::string_view bytes) {
  while (!bytes.empty()) {
    const ssize_t n = ::write(fd_, bytes.data(), bytes.size());
    if (n < 0) {
      if (errno == EINTR) continue;
      fail(target_, "write failed");
    }
    bytes.remove_prefix(static_cast<std::size_t>(n));
  }
}

void AtomicFile::commit() {
  if (::fsync(fd_) != 0) fail(target_, "fsync failed");
  if (::close(fd_) != 0) {
    fd_ = -1;
    fail(target_, "close failed");
  }
  fd_ = -1;
  if (std::rename(temp_path_.c_str(), target_.c_str()) != 0) fail(target_, "rename failed");
  committed_ = true;
}

}  // namespace gpuexec::cli
