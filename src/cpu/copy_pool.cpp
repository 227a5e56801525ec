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

std::size_t CopyPool::next_task() {
  return next_ < count_ ? next_++ : count_;
}

void CopyPool::run(std::size_t count, const std::function<void(std::size_t)>& task) {
  if (!try_run(count, task)) {
    for (std::size_t i = 0; i < count; ++i) task(i);
  }
}

bool CopyPool::try_run(std::size_t count, const std::function<void(std::size_t)>& task) {
  std::unique_lock busy(run_mutex_, std::try_to_lock);
  if (!busy.owns_lock() || threads_.empty()) return false;
  std::unique_lock lock(mutex_);
  task_ = &task;
  count_ = count;
  next_ = finished_ = 0;
  ++generation_;
  lock.unlock();
  wake_.notify_all();
  for (;;) {
    lock.lock();
    const std::size_t i = next_task();
    lock.unlock();
    if (i == count) break;
    task(i);
    lock.lock();
    ++finished_;
    lock.unlock();
  }
  lock.lock();
  done_.wait(lock, [&] { return finished_ == count_; });
  task_ = nullptr;
  return true;
}

void CopyPool::work() {
  uint64_t seen = 0;
  std::unique_lock lock(mutex_);
  for (;;) {
    wake_.wait(lock, [&] { return stopping_ || generation_ != seen; });
    if (stopping_) return;
    seen = generation_;
    for (std::size_t i = next_task(); i < count_; i = next_task()) {
      const auto* task = task_;
      lock.unlock();
      (*task)(i);  // memcpy or a field kernel: cannot throw
      lock.lock();
      if (++finished_ == count_) done_.notify_one();
    }
  }
}

}  // namespace gpuexec::cpu
