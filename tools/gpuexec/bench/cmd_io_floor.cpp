// gpuexec io-floor --in A --in B [--in C] --out FILE (hidden): the I/O floor of `run`, which
// bench e2e launches as a child exactly as it launches `run`. It reads every input once, in
// 1 MiB read(2) calls, and writes an output of the same size (a copy of the first input) through
// the writer `run` uses (temporary beside the target, fsync, rename): the least any `run` must
// do on these files, so run / floor is the cost of parsing, computing and encoding.
#include <fcntl.h>
#include <fmt/format.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <memory>
#include <string>
#include <vector>

#include "atomic_file.hpp"
#include "commands.hpp"
#include "input_error.hpp"

namespace gpuexec::cli {

namespace {
constexpr std::size_t kBlock = std::size_t{1} << 20;

struct FloorArgs {
  std::vector<std::string> inputs;
  std::string out;
};

// Reads `path` to its end; each block goes to `sink` when there is one.
void stream_file(const std::string& path, std::vector<char>& buf, AtomicFile* sink) {
  const int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) throw InputError(fmt::format("{}: cannot open: {}", path, std::strerror(errno)));
  for (;;) {
    const ssize_t n = ::read(fd, buf.data(), buf.size());
    if (n < 0 && errno == EINTR) continue;
    if (n < 0) {
      const int err = errno;
      ::close(fd);
      throw InputError(fmt::format("{}: cannot read: {}", path, std::strerror(err)));
    }
    if (n == 0) break;
    if (sink) sink->write(std::string_view(buf.data(), static_cast<std::size_t>(n)));
  }
  ::close(fd);
}

void run_floor(const FloorArgs& args) {
  AtomicFile out(args.out);
  std::vector<char> buf(kBlock);
  for (std::size_t i = 0; i < args.inputs.size(); ++i) {
    stream_file(args.inputs[i], buf, i == 0 ? &out : nullptr);
  }
  out.commit();
}
}  // namespace

void add_io_floor_command(CLI::App& app) {
  auto args = std::make_shared<FloorArgs>();
  CLI::App* cmd = app.add_subcommand("io-floor", "bench e2e: read the inputs, write a copy");
  cmd->group("");  // hidden: a measuring tool of bench e2e, not a user command
  cmd->add_option("--in", args->inputs, "input file (repeat)")->required();
  cmd->add_option("--out", args->out, "output file (a copy of the first input)")->required();
  cmd->callback([args] { run_floor(*args); });
}

}  // namespace gpuexec::cli
