// Executor::run_encoded: jobs on the file encoding. A backend with encoded kernels runs them
// whole; the others get the job in slices decoded, run and encoded again on all cores, so memory
// stays bounded. Marked results are searched for the first rejected element.
#include <fmt/format.h>

#include <algorithm>
#include <mutex>
#include <optional>
#include <vector>

#include "backend/backend.hpp"
#include "backend/rejection_mark.hpp"
#include "core/batch_checks.hpp"
#include "cpu/field_kernels.hpp"
#include "cpu/parallel_for.hpp"
#include "gpuexec/error.hpp"
#include "gpuexec/executor.hpp"
#include "gpuexec/fp_encoding.hpp"

namespace gpuexec {

namespace {
constexpr std::size_t kSliceElems = 1 << 18;

// The first marked element of out (each range looks for its own first; the least wins).
std::optional<std::pair<std::size_t, std::size_t>> first_mark(std::span<const uint8_t> out) {
  const std::size_t n = out.size() / kFpBytes;
  std::size_t first = n, input = 0;
  std::mutex m;
  cpu::parallel_for(n, [&](std::size_t begin, std::size_t end) {
    for (std::size_t i = begin; i < end; ++i) {
      if (out[i * kFpBytes] != kRejectionMark) continue;
      std::lock_guard lock(m);
      if (i < first) {
        first = i;
        input = out[i * kFpBytes + 1];
      }
      return;
    }
  });
  if (first == n) return std::nullopt;
  return std::pair{input, first};
}

// The elements of `bytes` decoded on all cores; returns the index of the first that is not
// canonical, or the count when all are.
std::size_t decode(std::span<const uint8_t> bytes, std::vector<Fp>& out) {
  out.resize(bytes.size() / kFpBytes);
  return cpu::parallel_from_be_bytes(bytes.data(), out.data(), out.size());
}

// Slices of kSliceElems through run_job: every input slice is decoded before out's slice (which
// may alias an input) is written.
void run_in_slices(Backend& backend, const EncodedJob& job) {
  const std::size_t n = job.out.size() / kFpBytes;
  std::vector<Fp> a, b, c, out;
  for (std::size_t begin = 0; begin < n; begin += kSliceElems) {
    const std::size_t count = std::min(kSliceElems, n - begin);
    const auto slice = [&](auto s) { return s.subspan(begin * kFpBytes, count * kFpBytes); };
    // The first rejected element, and at it the first input (a before b before c).
    std::size_t bad = count, bad_input = 0;
    std::vector<Fp>* decoded[] = {&a, &b, &c};
    const std::span<const uint8_t> inputs[] = {job.a, job.b, job.c};
    for (std::size_t i = 0; i < op_inputs(job.op); ++i) {
      const std::size_t at = decode(slice(inputs[i]), *decoded[i]);
      if (at < bad) bad = at, bad_input = i;
    }
    if (bad != count) throw rejected_input(bad_input, begin + bad);
    out.resize(count);
    backend.run_job(Job{job.op, a, b, out, c});
    cpu::parallel_to_be_bytes(out.data(), slice(job.out).data(), count);
  }
}
}  // namespace

void Executor::run_encoded(const EncodedJob& job) {
  if (std::string e = job_error(job); !e.empty()) throw Error(ErrorCode::InvalidArgument, e);
  if (job.out.empty()) return;
  switch (backend_->run_encoded(job)) {
    case EncodedRun::Clean:
      return;
    case EncodedRun::Marked:
      if (auto mark = first_mark(job.out)) throw rejected_input(mark->first, mark->second);
      return;
    case EncodedRun::Unsupported:
      run_in_slices(*backend_, job);
      return;
  }
}

}  // namespace gpuexec
