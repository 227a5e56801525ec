#include "core/async_queue.hpp"

namespace gpuexec {

AsyncQueue::~AsyncQueue() {
  {
    std::lock_guard lock(mutex_);
    stopping_ = true;
  }
  ready_.notify_all();
  if (worker_.joinable()) worker_.join();
}

std::future<void> AsyncQueue::submit(std::function<void()> work) {
  std::packaged_task<void()> task(std::move(work));
  std::future<void> result = task.get_future();
  {
    std::lock_guard lock(mutex_);
    // Queued only once it can run: a job whose submit threw must never run later.
    if (!worker_.joinable()) worker_ = std::thread([this] { loop(); });
    tasks_.push_back(std::move(task));
  }
  ready_.notify_one();
  return result;
}

void AsyncQueue::loop() {
  for (;;) {
    std::packaged_task<void()> task;
    {
      std::unique_lock lock(mutex_);
      ready_.wait(lock, [this] { return stopping_ || !tasks_.empty(); });
      if (tasks_.empty()) return;  // stopping, and nothing left to run
      task = std::move(tasks_.front());
      tasks_.pop_front();
    }
    task();  // exceptions land in the task's future
  }
}

}  // namespace gpuexec
