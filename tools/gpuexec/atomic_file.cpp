#include "atomic_file.hpp"

#include <fcntl.h>
#include <fmt/format.h>
#include <sys/random.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <filesystem>

#include "input_error.hpp"
#include "temp_registry.hpp"

namespace gpuexec::cli {

namespace {
[[noreturn]] void fail(const std::string& target, const char* what, int err = errno) {
  throw InputError(
      fmt::format("{}: cannot write output: {}: {}", target, what, std::strerror(err)));
}

// Follows a chain of symlinks at the last component; the end may not exist yet.
std::string follow_links(const std::string& target) {
  std::filesystem::path p(target);
  for (int hops = 0; hops < 40; ++hops) {
    struct stat st;
    if (::lstat(p.c_str(), &st) != 0 || !S_ISLNK(st.st_mode)) return p.string();
    std::string link(PATH_MAX, '\0');
    const ssize_t n = ::readlink(p.c_str(), link.data(), link.size());
    if (n < 0) fail(target, "cannot read the symlink");
    link.resize(static_cast<std::size_t>(n));
    const std::filesystem::path next(link);
    p = next.is_absolute() ? next : p.parent_path() / next;
  }
  fail(target, "too many symlinks", ELOOP);
}

// A short random name, so a target name near NAME_MAX still leaves room for the temporary.
std::string temp_name() {
  static constexpr char kChars[] = "abcdefghijklmnopqrstuvwxyz0123456789";
  unsigned char bytes[10];
  if (::getrandom(bytes, sizeof bytes, 0) != static_cast<ssize_t>(sizeof bytes)) {
    for (unsigned char& b : bytes) b = static_cast<unsigned char>(std::rand());
  }
  std::string name = ".gpuexec-";
  for (unsigned char b : bytes) name += kChars[b % (sizeof kChars - 1)];
  return name + ".tmp";
}
}  // namespace

AtomicFile::AtomicFile(std::string target) : target_(std::move(target)) {
  if (target_.empty()) throw InputError("cannot write output: the file name is empty");
  struct stat st;
  const bool exists = ::stat(target_.c_str(), &st) == 0;
  if (exists && S_ISDIR(st.st_mode)) fail(target_, "is a directory", EISDIR);
  if (exists && (S_ISCHR(st.st_mode) || S_ISFIFO(st.st_mode))) {
    direct_ = true;
    final_path_ = target_;
    fd_ = ::open(target_.c_str(), O_WRONLY | O_CLOEXEC);
    if (fd_ < 0) fail(target_, "cannot open");
    return;
  }
  if (exists && !S_ISREG(st.st_mode)) {
    throw InputError(fmt::format(
        "{}: cannot write output: is a {}; outputs are regular files, character devices or FIFOs",
        target_, S_ISBLK(st.st_mode) ? "block device" : "socket"));
  }
  final_path_ = follow_links(target_);
  const std::filesystem::path final_path(final_path_);
  const std::string dir = final_path.has_parent_path() ? final_path.parent_path().string() : ".";
  for (int attempt = 0; fd_ < 0; ++attempt) {
    temp_path_ = dir + "/" + temp_name();
    // Registered before it exists: a signal at any moment finds it.
    slot_ = register_temp(temp_path_);
    // 0666 less the umask for a new output; an existing one's mode is copied below.
    fd_ = ::open(temp_path_.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0666);
    if (fd_ >= 0) break;
    const int err = errno;
    release_temp(slot_);
    slot_ = nullptr;
    temp_path_.clear();
    if (err != EEXIST || attempt == 100)
      fail(target_, "cannot create a temporary file beside it", err);
  }
  if (exists) {
    // Owner first: chown clears set-id bits. Only root may give a file away; others keep theirs.
    if (::fchown(fd_, st.st_uid, st.st_gid) != 0 && ::geteuid() == 0) {
      fail(target_, "cannot keep the owner of the existing file");
    }
    if (::fchmod(fd_, st.st_mode & 07777) != 0) {
      fail(target_, "cannot keep the mode of the existing file");
    }
  }
}

AtomicFile::~AtomicFile() {
  if (fd_ >= 0) ::close(fd_);
  if (!committed_ && !temp_path_.empty()) ::unlink(temp_path_.c_str());
  release_temp(slot_);
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
  if (!direct_ && ::fsync(fd_) != 0) fail(target_, "fsync failed");
  const int rc = ::close(fd_);
  fd_ = -1;
  if (rc != 0) fail(target_, "close failed");
  if (!direct_ && std::rename(temp_path_.c_str(), final_path_.c_str()) != 0) {
    fail(target_, "rename failed");
  }
  committed_ = true;
  // After the rename: the slot names a path that no longer exists, so a late signal is harmless.
  release_temp(slot_);
  slot_ = nullptr;
}

}  // namespace gpuexec::cli
