// Worker threads kept for the data paths' host copies. Starting a thread costs tens of
// microseconds, as long as copying a 16K-element chunk's inputs on a PCIe 5 host, so the copy
// threads are started once and reused.
#pragma once

#include <condition_variable>
#include <cstddef>
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
  // One run at a time per pool; a caller that finds it busy runs every task itself.
  void run(std::size_t count, const std::function<void(std::size_t)>& task);
  // As run, but returns false, having run nothing, when the pool is busy or has no workers.
  bool try_run(std::size_t count, const std::function<void(std::size_t)>& task);

 private:
  void work();
  // Takes the next task index of the current run, or count_ when none is left.
  std::size_t next_task();

  std::mutex run_mutex_;  // one run at a time
  std::mutex mutex_;
  std::condition_variable wake_, done_;
  const std::function<void(std::size_t)>* task_ = nullptr;
  std::size_t count_ = 0, next_ = 0, finished_ = 0;
  uint64_t generation_ = 0;
  bool stopping_ = false;
  std::vector<std::thread> threads_;
};

}  // namespace gpuexec::cpu
