// Runs one task per device at once: each on its own thread but one, which runs on the caller's.
// Every task finishes before it returns; each task's exception is returned in its slot, so the
// caller decides which failures to retry, report or rethrow.
#pragma once

#include <cstddef>
#include <exception>
#include <thread>
#include <vector>

namespace gpuexec::multi {

// task(d) for every d with active[d]; the result's slot d holds what task(d) threw.
template <class Task>
std::vector<std::exception_ptr> run_at_once(const std::vector<bool>& active, Task&& task) {
  std::vector<std::exception_ptr> errors(active.size());
  const auto guarded = [&](std::size_t d) noexcept {
    try {
      task(d);
    } catch (...) {
      errors[d] = std::current_exception();
    }
  };
  std::vector<std::jthread> others;  // joined before errors is looked at
  std::size_t mine = active.size();
  for (std::size_t d = 0; d < active.size(); ++d) {
    if (!active[d]) continue;
    if (mine == active.size()) {
      mine = d;
    } else {
      others.emplace_back(guarded, d);
    }
  }
  if (mine != active.size()) guarded(mine);
  others.clear();
  return errors;
}

// The first error of run_at_once, rethrown; nothing when every task succeeded.
inline void rethrow_first(const std::vector<std::exception_ptr>& errors) {
  for (const auto& e : errors) {
    if (e) std::rethrow_exception(e);
  }
}

}  // namespace gpuexec::multi
