// Runs this gpuexec binary as a child process and measures it from outside: wall time, CPU time
// and peak resident memory (wait4's rusage), for the end-to-end suite.
#pragma once

#include <string>
#include <vector>

namespace gpuexec::cli {

struct ChildResult {
  int exit_code = -1;    // -1 when killed by a signal
  int signal = 0;        // the signal that ended it, else 0
  double wall_ms = 0;    // from spawn to reaped
  double cpu_ms = 0;     // user + system
  long max_rss_kb = 0;   // ru_maxrss (Linux: kilobytes)
  std::string err_tail;  // the end of its stderr, for messages

  bool ok() const { return exit_code == 0; }
  std::string describe() const;  // "exit status 2: <stderr>" / "killed by signal 9"
};

// The path of the running executable (/proc/self/exe followed), so a child runs the same build.
std::string self_executable();

// Spawns `self_executable() args...` with stdin and stdout on /dev/null and stderr into
// `stderr_path`, and waits for it. Note: on Linux a child's ru_maxrss starts from the launching
// process's peak (exec keeps the high-water mark of the memory it replaces), so the launcher
// must stay small for the figure to be the child's own.
ChildResult run_self(const std::vector<std::string>& args, const std::string& stderr_path);

}  // namespace gpuexec::cli
