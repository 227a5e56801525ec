// Worker threads kept for the data paths' host copies. Starting a thread costs tens of
// microseconds, as long as copying a 16K-element chunk's inputs on a PCIe 5 host, so the copy
// threads are started once and reused.
#pragma once

#include <condition_variable>
#include <cstddef>
#include <deque>
#include <functional>
#include <mutex>
#include <thread>
#include <vector>

namespace gpuexec::cpu {

class CopyPool {
 public:
  // The process's pool: min(cores, 8) - 1 workers, started on first use.
  static CopyPool& shared();
  // The pool for parallel_for's arithmetic: cores - 1 workers (compute scales past memory
  // bandwidth's 8), started on first use.
  static CopyPool& compute();

  explicit CopyPool(std::size_t workers);
  ~CopyPool();
  CopyPool(const CopyPool&) = delete;
  CopyPool& operator=(const CopyPool&) = delete;

  std::size_t workers() const { return threads_.size(); }
  // Runs task(0) .. task(count - 1), the caller taking its share, and returns when all are done.
  // Runs of several callers at once share the workers, a task of each in turn, and each caller
  // works on its own (two devices' host copies at once: before, the second caller found the pool
  // busy and copied alone, at one thread's rate).
  void run(std::size_t count, const std::function<void(std::size_t)>& task);
  // As run, but returns false, having run nothing, when the pool has no workers.
  bool try_run(std::size_t count, const std::function<void(std::size_t)>& task);

 private:
  struct Run {
    const std::function<void(std::size_t)>* task;
    std::size_t count, next = 0, finished = 0;
  };
  void work();

  std::mutex mutex_;
  std::condition_variable wake_, done_;
  std::deque<Run*> open_;  // runs with tasks not yet taken, in turn
  bool stopping_ = false;
  std::vector<std::thread> threads_;
};

}  // namespace gpuexec::cpu
