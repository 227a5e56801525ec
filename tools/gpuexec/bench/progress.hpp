// Progress of a benchmark run on stderr: a live line when stderr is a terminal, nothing otherwise
// (logs and CI stay clean).
#pragma once

#include <cstddef>
#include <string>

namespace gpuexec::cli {

class Progress {
 public:
  Progress();
  ~Progress();  // clears the line
  void step(const std::string& suite, const std::string& variant, std::size_t elements);

 private:
  bool live_;
  std::size_t steps_ = 0;
};

}  // namespace gpuexec::cli
