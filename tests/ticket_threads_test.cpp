// One C ticket polled and waited from many threads at once (run under TSan by
// scripts/test_sanitize.sh): every waiter gets the same status and message, however often it
// waits, whether the work succeeded or failed.
#include <gtest/gtest.h>

#include <atomic>
#include <string>
#include <thread>
#include <vector>

#include "gpuexec/fp_samples.hpp"
#include "gpuexec/gpuexec.h"
#include "random_vectors.hpp"

namespace gpuexec {
namespace {

using test::random_vector;

struct Seen {
  gpuexec_status first = GPUEXEC_OK, second = GPUEXEC_OK;
  std::string message;
  bool ready_after = false;
};

// Eight threads start together, poll the ticket until one of them decides to wait, and wait
// twice; returns what each saw.
std::vector<Seen> hammer(gpuexec_ticket* t) {
  constexpr int kThreads = 8;
  std::vector<Seen> seen(kThreads);
  std::atomic<int> arrived{0};
  std::vector<std::thread> threads;
  for (int i = 0; i < kThreads; ++i) {
    threads.emplace_back([&, i] {
      arrived.fetch_add(1);
      while (arrived.load() < kThreads) std::this_thread::yield();
      for (int k = 0; k < 100 * i && !gpuexec_ticket_ready(t); ++k) std::this_thread::yield();
      seen[i].first = gpuexec_ticket_wait(t);
      seen[i].message = gpuexec_last_error();
      seen[i].second = gpuexec_ticket_wait(t);
      seen[i].ready_after = gpuexec_ticket_ready(t) == 1;
    });
  }
  for (auto& th : threads) th.join();
  return seen;
}

class CpuBackendTickets : public ::testing::Test {
 protected:
  void SetUp() override {
    ASSERT_EQ(gpuexec_executor_create(GPUEXEC_BACKEND_CPU, -1, &ex), GPUEXEC_OK);
  }
  void TearDown() override { gpuexec_executor_destroy(ex); }
  // Keeps the worker busy so that the threads below meet a ticket still running.
  gpuexec_ticket* busy() {
    gpuexec_job job{GPUEXEC_OP_MUL, big[0].limbs.data(), big[0].limbs.data(),
                    big_out[0].limbs.data(), big.size()};
    gpuexec_ticket* t = nullptr;
    EXPECT_EQ(gpuexec_submit(ex, &job, &t), GPUEXEC_OK);
    return t;
  }
  gpuexec_executor* ex = nullptr;
  std::vector<Fp> big = random_vector(200000, 1), big_out = std::vector<Fp>(200000);
};

TEST_F(CpuBackendTickets, ManyThreadsPollAndWaitOneSucceedingTicket) {
  const std::size_t n = 5000;
  const auto a = random_vector(n, 2), b = random_vector(n, 3);
  std::vector<Fp> out(n);
  gpuexec_ticket* first = busy();
  gpuexec_job job{GPUEXEC_OP_ADD, a[0].limbs.data(), b[0].limbs.data(), out[0].limbs.data(), n};
  gpuexec_ticket* t = nullptr;
  ASSERT_EQ(gpuexec_submit(ex, &job, &t), GPUEXEC_OK);
  for (const Seen& s : hammer(t)) {
    EXPECT_EQ(s.first, GPUEXEC_OK) << s.message;
    EXPECT_EQ(s.second, GPUEXEC_OK);
    EXPECT_TRUE(s.ready_after);
  }
  EXPECT_EQ(out[n - 1], fp::add(a[n - 1], b[n - 1]));
  gpuexec_ticket_destroy(t);
  EXPECT_EQ(gpuexec_ticket_wait(first), GPUEXEC_OK);
  gpuexec_ticket_destroy(first);
}

TEST_F(CpuBackendTickets, EveryWaiterSeesTheSameFailureAndMessage) {
  const std::size_t n = 100;
  auto a = random_vector(n + 1, 4);
  gpuexec_ticket* first = busy();
  // out one element after a: rejected when the worker runs it, reported through the ticket.
  gpuexec_job job{GPUEXEC_OP_ADD, a[0].limbs.data(), a[0].limbs.data(), a[1].limbs.data(), n};
  gpuexec_ticket* t = nullptr;
  ASSERT_EQ(gpuexec_submit(ex, &job, &t), GPUEXEC_OK);
  for (const Seen& s : hammer(t)) {
    EXPECT_EQ(s.first, GPUEXEC_ERR_INVALID_ARGUMENT);
    EXPECT_EQ(s.second, GPUEXEC_ERR_INVALID_ARGUMENT);
    EXPECT_NE(s.message.find("out overlaps a partially"), std::string::npos) << s.message;
    EXPECT_TRUE(s.ready_after);
  }
  gpuexec_ticket_destroy(t);
  gpuexec_ticket_destroy(first);  // destroy waits for the work it still runs
}

}  // namespace
}  // namespace gpuexec
