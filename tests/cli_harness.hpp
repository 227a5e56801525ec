// Runs the built gpuexec binary on real files in a scratch directory.
#pragma once

#include <filesystem>
#include <string>
#include <vector>

namespace gpuexec::test {

struct CliResult {
  int exit_code = -1;
  std::string out;
  std::string err;
};

class ScratchDir {
 public:
  ScratchDir();
  ~ScratchDir();
  ScratchDir(const ScratchDir&) = delete;
  ScratchDir& operator=(const ScratchDir&) = delete;
  std::filesystem::path path(const std::string& name) const { return root_ / name; }
  std::string file(const std::string& name) const { return path(name).string(); }
  // Names of entries in the directory (to spot stray temporaries).
  std::vector<std::string> entries() const;

 private:
  std::filesystem::path root_;
};

// Runs `gpuexec args...` with optional extra environment assignments ("NAME=value").
CliResult run_cli(const std::vector<std::string>& args, const std::vector<std::string>& env = {});

std::string read_bytes(const std::filesystem::path& p);
void write_bytes(const std::filesystem::path& p, const std::string& bytes);

// Fp 1 and 2 as the CLI writes them in hex: one line each.
inline const std::string kOneHex = "0x" + std::string(95, '0') + "1\n";
inline const std::string kTwoHex = "0x" + std::string(95, '0') + "2\n";

// The number of lines in s (a last line without '\n' counts).
int line_count(const std::string& s);

}  // namespace gpuexec::test
