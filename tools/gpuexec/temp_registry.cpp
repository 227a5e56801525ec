#include "temp_registry.hpp"

#include <sys/wait.h>
#include <unistd.h>

#include <atomic>
#include <cerrno>
#include <csignal>
#include <cstring>
#include <mutex>

namespace gpuexec::cli {

// A path buffer owned by its slot for the life of the process and reused; state says whether the
// handler may read it (kLive, published with release ordering after the path is in place).
struct TempSlot {
  std::atomic<int> state{0};
  char* path = nullptr;
  std::size_t capacity = 0;
};

namespace {
constexpr int kFree = 0, kLive = 2;
constexpr int kSlotsPerChunk = 64;
constexpr int kSignals[] = {SIGINT, SIGTERM, SIGHUP, SIGQUIT};

struct SlotChunk {
  TempSlot slots[kSlotsPerChunk];
  std::atomic<SlotChunk*> next{nullptr};
};

SlotChunk g_first;
std::mutex g_mutex;  // registration only; never taken by the handler
std::atomic<pid_t> g_child{0};

// Async-signal-safe: atomics, kill, waitpid, unlink, rmdir, sigaction, raise.
extern "C" void on_fatal_signal(int sig) {
  const int saved_errno = errno;
  // A child writing into our temporaries ends first, so nothing is created after the cleanup.
  if (const pid_t child = g_child.load(std::memory_order_acquire); child > 0) {
    ::kill(child, sig);
    ::waitpid(child, nullptr, 0);
  }
  for (SlotChunk* c = &g_first; c; c = c->next.load(std::memory_order_acquire)) {
    for (TempSlot& s : c->slots) {
      if (s.state.load(std::memory_order_acquire) == kLive) ::unlink(s.path);
    }
  }
  // Then directories (bench e2e's scratch directory), now that the files in them are gone.
  for (SlotChunk* c = &g_first; c; c = c->next.load(std::memory_order_acquire)) {
    for (TempSlot& s : c->slots) {
      if (s.state.load(std::memory_order_acquire) == kLive) ::rmdir(s.path);
    }
  }
  errno = saved_errno;
  // SA_RESETHAND restored the default action; the signal is blocked until we return, then ends
  // the process the way the sender expects (status: killed by sig).
  ::raise(sig);
}
}  // namespace

void install_temp_cleanup_handlers() {
  static std::once_flag once;
  std::call_once(once, [] {
    for (int sig : kSignals) {
      struct sigaction old {};
      if (::sigaction(sig, nullptr, &old) == 0 && old.sa_handler == SIG_IGN) continue;
      struct sigaction sa {};
      sa.sa_handler = on_fatal_signal;
      sigemptyset(&sa.sa_mask);
      for (int other : kSignals) sigaddset(&sa.sa_mask, other);  // one cleanup at a time
      sa.sa_flags = SA_RESETHAND;
      ::sigaction(sig, &sa, nullptr);
    }
  });
}

TempSlot* register_temp(const std::string& path) {
  std::lock_guard lock(g_mutex);
  SlotChunk* c = &g_first;
  for (;;) {
    for (TempSlot& s : c->slots) {
      if (s.state.load(std::memory_order_relaxed) != kFree) continue;
      if (s.capacity < path.size() + 1) {
        // The slot is free, so the handler does not read this buffer.
        delete[] s.path;
        s.path = new char[path.size() + 1];
        s.capacity = path.size() + 1;
      }
      std::memcpy(s.path, path.c_str(), path.size() + 1);
      s.state.store(kLive, std::memory_order_release);
      return &s;
    }
    SlotChunk* next = c->next.load(std::memory_order_relaxed);
    if (!next) {
      next = new SlotChunk;
      c->next.store(next, std::memory_order_release);
    }
    c = next;
  }
}

void release_temp(TempSlot* slot) noexcept {
  if (slot) slot->state.store(kFree, std::memory_order_release);
}

void set_signal_child(pid_t pid) noexcept {
  g_child.store(pid, std::memory_order_release);
}

int live_temp_count() noexcept {
  int n = 0;
  for (SlotChunk* c = &g_first; c; c = c->next.load(std::memory_order_acquire)) {
    for (TempSlot& s : c->slots) n += s.state.load(std::memory_order_acquire) == kLive;
  }
  return n;
}

}  // namespace gpuexec::cli
