#include "gpuexec/validation_log.hpp"

#include <mutex>
#include <utility>

#include "config/environment.hpp"

namespace gpuexec {

namespace {
std::mutex& log_mutex() {
  static std::mutex m;
  return m;
}
std::vector<std::string>& messages() {
  static std::vector<std::string> v;
  return v;
}
uint64_t total = 0;
}  // namespace

void ValidationLog::record(std::string message) {
  std::lock_guard lock(log_mutex());
  ++total;
  messages().push_back(std::move(message));
}

uint64_t ValidationLog::count() {
  std::lock_guard lock(log_mutex());
  return total;
}

std::vector<std::string> ValidationLog::take() {
  std::lock_guard lock(log_mutex());
  total = 0;
  return std::exchange(messages(), {});
}

bool validation_requested() {
  return env::validation();
}

}  // namespace gpuexec
