// The executor's submission queue: one worker thread runs submitted work in FIFO order, so that
// callers on any thread get a future at once and prepare their next inputs meanwhile.
#pragma once

#include <condition_variable>
#include <deque>
#include <functional>
#include <future>
#include <mutex>
#include <thread>

namespace gpuexec {

class AsyncQueue {
 public:
  AsyncQueue() = default;
  ~AsyncQueue();  // runs what was submitted, then joins
  AsyncQueue(const AsyncQueue&) = delete;
  AsyncQueue& operator=(const AsyncQueue&) = delete;

  // The future holds the work's exception, if it throws.
  std::future<void> submit(std::function<void()> work);

 private:
  void loop();

  std::mutex mutex_;
  std::condition_variable ready_;
  std::deque<std::packaged_task<void()>> tasks_;
  bool stopping_ = false;
  std::thread worker_;  // started by the first submit
};

}  // namespace gpuexec
