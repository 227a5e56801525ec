#include "bench/child_process.hpp"

#include <fcntl.h>
#include <fmt/format.h>
#include <pthread.h>
#include <signal.h>
#include <spawn.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <chrono>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "gpuexec/error.hpp"
#include "temp_registry.hpp"

extern char** environ;

namespace gpuexec::cli {

namespace {
std::string tail_of(const std::string& path, std::size_t max_bytes) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream s;
  s << in.rdbuf();
  std::string text = s.str();
  if (text.size() > max_bytes) text = "..." + text.substr(text.size() - max_bytes);
  while (!text.empty() && (text.back() == '\n' || text.back() == '\r')) text.pop_back();
  return text;
}

[[noreturn]] void spawn_failed(const char* what, int err) {
  throw Error(ErrorCode::Internal, fmt::format("bench: {}: {}", what, std::strerror(err)));
}
}  // namespace

std::string ChildResult::describe() const {
  std::string s = signal ? fmt::format("killed by signal {} ({})", signal, ::strsignal(signal))
                         : fmt::format("exit status {}", exit_code);
  if (!err_tail.empty()) s += ": " + err_tail;
  return s;
}

std::string self_executable() {
  std::error_code ec;
  const auto path = std::filesystem::read_symlink("/proc/self/exe", ec);
  if (ec) {
    throw Error(
        ErrorCode::Internal,
        fmt::format("bench: cannot find this executable (/proc/self/exe): {}", ec.message()));
  }
  return path.string();
}

ChildResult run_self(const std::vector<std::string>& args, const std::string& stderr_path) {
  const std::string exe = self_executable();
  std::vector<char*> argv;
  argv.push_back(const_cast<char*>(exe.c_str()));
  for (const std::string& a : args) argv.push_back(const_cast<char*>(a.c_str()));
  argv.push_back(nullptr);

  posix_spawn_file_actions_t actions;
  if (int rc = posix_spawn_file_actions_init(&actions)) spawn_failed("posix_spawn", rc);
  posix_spawn_file_actions_addopen(&actions, STDIN_FILENO, "/dev/null", O_RDONLY, 0);
  posix_spawn_file_actions_addopen(&actions, STDOUT_FILENO, "/dev/null", O_WRONLY, 0);
  posix_spawn_file_actions_addopen(&actions, STDERR_FILENO, stderr_path.c_str(),
                                   O_WRONLY | O_CREAT | O_TRUNC, 0600);

  // The cleanup signals wait from the spawn until the handler knows the child (a signal between
  // the two left the child running and the scratch directory behind); the child starts with
  // them unblocked.
  sigset_t cleanup, before;
  sigemptyset(&cleanup);
  for (int sig : {SIGINT, SIGTERM, SIGHUP, SIGQUIT}) sigaddset(&cleanup, sig);
  posix_spawnattr_t attr;
  posix_spawnattr_init(&attr);
  pthread_sigmask(SIG_BLOCK, &cleanup, &before);
  posix_spawnattr_setsigmask(&attr, &before);
  posix_spawnattr_setflags(&attr, POSIX_SPAWN_SETSIGMASK);
  const auto start = std::chrono::steady_clock::now();
  pid_t pid = -1;
  const int rc = ::posix_spawn(&pid, exe.c_str(), &actions, &attr, argv.data(), environ);
  posix_spawn_file_actions_destroy(&actions);
  posix_spawnattr_destroy(&attr);
  if (rc == 0) set_signal_child(pid);
  pthread_sigmask(SIG_SETMASK, &before, nullptr);
  if (rc != 0) spawn_failed(exe.c_str(), rc);

  int status = 0;
  struct rusage usage {};
  while (::wait4(pid, &status, 0, &usage) < 0) {
    if (errno != EINTR) {
      set_signal_child(0);
      spawn_failed("wait4", errno);
    }
  }
  set_signal_child(0);
  ChildResult r;
  r.wall_ms =
      std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - start).count();
  auto ms = [](const timeval& t) { return t.tv_sec * 1e3 + t.tv_usec / 1e3; };
  r.cpu_ms = ms(usage.ru_utime) + ms(usage.ru_stime);
  r.max_rss_kb = usage.ru_maxrss;
  if (WIFEXITED(status)) r.exit_code = WEXITSTATUS(status);
  if (WIFSIGNALED(status)) r.signal = WTERMSIG(status);
  if (!r.ok()) r.err_tail = tail_of(stderr_path, 2000);
  return r;
}

}  // namespace gpuexec::cli
