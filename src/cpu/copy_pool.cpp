#include "cpu/copy_pool.hpp"

#include <algorithm>

namespace gpuexec::cpu {

namespace {
constexpr std::size_t kMaxCopyThreads = 8;  // memory bandwidth saturates well before the cores
}  // namespace

CopyPool& CopyPool::shared() {
  static CopyPool pool(
      std::min<std::size_t>(std::max(1u, std::thread::hardware_concurrency()), kMaxCopyThreads) -
      1);
  return pool;
}

CopyPool& CopyPool::compute() {
  static CopyPool pool(std::max(1u, std::thread::hardware_concurrency()) - 1);
  return pool;
}

CopyPool::CopyPool(std::size_t workers) {
  try {
    for (std::size_t i = 0; i < workers; ++i) threads_.emplace_back([this] { work(); });
  } catch (...) {
    // Fewer workers than asked (no memory or threads left): the caller does the rest.
  }
}

CopyPool::~CopyPool() {
  {
    std::lock_guard lock(mutex_);
    stopping_ = true;
  }
  wake_.notify_all();
  for (auto& t : threads_) t.join();
}

void CopyPool::run(std::size_t count, const std::function<void(std::size_t)>& task) {
  if (!try_run(count, task)) {
    for (std::size_t i = 0; i < count; ++i) task(i);
  }
}

bool CopyPool::try_run(std::size_t count, const std::function<void(std::size_t)>& task) {
  if (threads_.empty()) return false;
  if (count == 0) return true;
  Run run{&task, count};
  std::unique_lock lock(mutex_);
  open_.push_back(&run);
  lock.unlock();
  wake_.notify_all();
  lock.lock();
  while (run.next < run.count) {
    const std::size_t i = run.next++;
    if (run.next == run.count) std::erase(open_, &run);
    lock.unlock();
    task(i);
    lock.lock();
    ++run.finished;
  }
  // The workers' tasks of this run; `run` lives on this frame until the last is done.
  done_.wait(lock, [&] { return run.finished == run.count; });
  return true;
}

void CopyPool::work() {
  std::unique_lock lock(mutex_);
  for (;;) {
    wake_.wait(lock, [&] { return stopping_ || !open_.empty(); });
    if (stopping_) return;
    Run* run = open_.front();
    open_.pop_front();
    const std::size_t i = run->next++;
    if (run->next < run->count) open_.push_back(run);  // the next task from the next run
    lock.unlock();
    (*run->task)(i);  // memcpy or a field kernel: cannot throw
    lock.lock();
    if (++run->finished == run->count) done_.notify_all();
  }
}

}  // namespace gpuexec::cpu
