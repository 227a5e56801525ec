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

namespace gpuexec {

namespace {
constexpr std::size_t kSliceElems = 1 << 18;

// The first marked element of out (each range looks for its own first; the least wins).
std::optional<std::pair<std::size_t, std::size_t>> first_mark(std::span<const uint8_t> out,
                                                              std::size_t bytes) {
  const std::size_t n = out.size() / bytes;
  std::size_t first = n, input = 0;
  std::mutex m;
  cpu::parallel_for(n, [&](std::size_t begin, std::size_t end) {
    for (std::size_t i = begin; i < end; ++i) {
      if (out[i * bytes] != kRejectionMark) continue;
      std::lock_guard lock(m);
      if (i < first) {
        first = i;
        input = out[i * bytes + 1];
      }
      return;
    }
  });
  if (first == n) return std::nullopt;
  return std::pair{input, first};
}

// Slices of kSliceElems through run_job: every input slice is decoded on all cores before out's
// slice (which may alias an input) is written.
template <class F>
void run_in_slices(Backend& backend, const EncodedJob& job) {
  constexpr std::size_t kBytes = sizeof(F);
  const std::size_t n = job.out.size() / kBytes;
  std::vector<F> a, b, c, out;
  for (std::size_t begin = 0; begin < n; begin += kSliceElems) {
    const std::size_t count = std::min(kSliceElems, n - begin);
    const auto slice = [&](auto s) { return s.subspan(begin * kBytes, count * kBytes); };
    // The first rejected element, and at it the first input (a before b before c).
    std::size_t bad = count, bad_input = 0;
    std::vector<F>* decoded[] = {&a, &b, &c};
    const std::span<const uint8_t> inputs[] = {job.a, job.b, job.c};
    for (std::size_t i = 0; i < op_inputs(job.op); ++i) {
      decoded[i]->resize(count);
      const std::size_t at =
          cpu::parallel_from_be_bytes(slice(inputs[i]).data(), decoded[i]->data(), count);
      if (at < bad) bad = at, bad_input = i;
    }
    if (bad != count) throw rejected_input(bad_input, begin + bad, job.field);
    out.resize(count);
    backend.run_job(FieldJob::of(BasicJob<F>{job.op, a, b, out, c}));
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
      if (auto mark = first_mark(job.out, field_info(job.field).element_bytes)) {
        throw rejected_input(mark->first, mark->second, job.field);
      }
      return;
    case EncodedRun::Unsupported:
      if (job.field == FieldId::Fr) return run_in_slices<Fr>(*backend_, job);
      return run_in_slices<Fp>(*backend_, job);
  }
}

}  // namespace gpuexec
