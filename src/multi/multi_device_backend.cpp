#include "multi/multi_device_backend.hpp"

#include <fmt/format.h>
#include <fmt/ranges.h>

#include <algorithm>
#include <chrono>
#include <exception>

#include "gpuexec/error.hpp"
#include "multi/at_once.hpp"
#include "multi/job_plan.hpp"
#include "multi/split_bases.hpp"

namespace gpuexec::multi {

struct MultiDeviceBackend::Member {
  int index = 0;
  std::unique_ptr<vk::PersistentBackend> backend;
  DeviceSpeed speed;
  std::atomic<uint64_t> jobs{0}, elements{0}, failures{0};
  std::atomic<uint64_t> queued{0};  // elements handed to it and not yet done (other callers)
};

namespace {

// Once partly run, such a job's inputs may already hold results: it cannot be run again.
bool writes_over_inputs(const FieldJob& j) {
  const std::size_t bytes = j.bytes();
  for (unsigned i = 0; i < j.inputs(); ++i) {
    if (bytes != 0 && j.out < j.in[i] + bytes && j.in[i] < j.out + bytes) return true;
  }
  return false;
}

// Errors of the device, not of the caller's input: its jobs may succeed on another device.
bool device_failure(const std::exception_ptr& e, ErrorCode& code, std::string& message) {
  try {
    std::rethrow_exception(e);
  } catch (const Error& err) {
    code = err.code();
    message = err.what();
    return code == ErrorCode::DeviceLost || code == ErrorCode::OutOfMemory ||
           code == ErrorCode::NoDevice || code == ErrorCode::Internal;
  } catch (...) {
    return false;
  }
}

// Which of the ranges starts[d] .. starts[d + 1] hold anything.
std::vector<bool> non_empty(const std::vector<std::size_t>& starts) {
  std::vector<bool> out(starts.size() - 1);
  for (std::size_t d = 0; d < out.size(); ++d) out[d] = starts[d + 1] > starts[d];
  return out;
}

uint64_t elements_of(std::span<const FieldJob> jobs) {
  uint64_t n = 0;
  for (const FieldJob& j : jobs) n += j.n;
  return n;
}

}  // namespace

MultiDeviceBackend::MultiDeviceBackend(const ExecutorOptions& options,
                                       const std::vector<int>& device_indices) {
  if (device_indices.empty()) {
    throw Error(ErrorCode::InvalidArgument, "a multi-device executor needs at least one device");
  }
  for (int index : device_indices) {
    ExecutorOptions one = options;
    one.devices.clear();
    one.device_index = index;
    auto m = std::make_unique<Member>();
    m->index = index;
    m->backend = std::make_unique<vk::PersistentBackend>(one);
    members_.push_back(std::move(m));
  }
}

MultiDeviceBackend::~MultiDeviceBackend() = default;

vk::PersistentBackend& MultiDeviceBackend::device(std::size_t slot) {
  return *members_.at(slot)->backend;
}

std::string MultiDeviceBackend::name() const {
  std::vector<std::string> names;
  for (const auto& m : members_) {
    names.push_back(fmt::format("[{}] {}", m->index, m->backend->device_info().name));
  }
  return fmt::format("vulkan multi-device ({} devices): {}", members_.size(),
                     fmt::join(names, ", "));
}

std::vector<double> MultiDeviceBackend::planning_speeds(const std::vector<bool>& healthy) const {
  std::vector<double> speeds(members_.size(), 0.0);
  double sum = 0;
  int measured = 0;
  for (std::size_t d = 0; d < members_.size(); ++d) {
    speeds[d] = members_[d]->speed.measured();
    if (speeds[d] > 0) {
      sum += speeds[d];
      ++measured;
    }
  }
  const double unmeasured = measured ? sum / measured : 1.0;
  for (std::size_t d = 0; d < members_.size(); ++d) {
    if (!healthy[d]) {
      speeds[d] = 0;
    } else if (speeds[d] == 0) {
      speeds[d] = unmeasured;
    }
  }
  return speeds;
}

void MultiDeviceBackend::run_spread(std::span<const FieldJob> jobs, Schedule schedule) {
  const std::size_t count = members_.size();
  std::vector<bool> healthy(count, true);
  std::vector<std::size_t> pending;  // indices into jobs
  for (std::size_t j = 0; j < jobs.size(); ++j) {
    if (!jobs[j].empty()) pending.push_back(j);
  }
  std::vector<std::string> failed;
  std::vector<std::size_t> not_retried;
  ErrorCode code = ErrorCode::DeviceLost;
  while (!pending.empty()) {
    const std::vector<double> speeds = planning_speeds(healthy);
    if (std::none_of(speeds.begin(), speeds.end(), [](double s) { return s > 0; })) {
      throw Error(code, fmt::format("every device failed: {}", fmt::join(failed, "; ")));
    }
    std::vector<std::size_t> sizes;
    for (std::size_t j : pending) sizes.push_back(jobs[j].n);
    std::vector<double> busy(count);
    for (std::size_t d = 0; d < count; ++d) {
      if (speeds[d] > 0) busy[d] = static_cast<double>(members_[d]->queued.load()) / speeds[d];
    }
    const auto plan = plan_jobs(sizes, speeds, busy);
    std::vector<std::vector<FieldJob>> parts(count);
    for (std::size_t d = 0; d < count; ++d) {
      for (std::size_t i : plan[d]) parts[d].push_back(jobs[pending[i]]);
    }

    std::vector<bool> active(count);
    for (std::size_t d = 0; d < count; ++d) active[d] = !parts[d].empty();
    const std::vector<std::exception_ptr> errors = run_at_once(active, [&](std::size_t d) {
      Member& m = *members_[d];
      const uint64_t n = elements_of(parts[d]);
      m.queued += n;
      try {
        const auto start = std::chrono::steady_clock::now();
        m.backend->run_batch(parts[d], schedule);
        m.speed.record(
            n, std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count());
      } catch (...) {
        m.queued -= n;
        throw;
      }
      m.queued -= n;
      m.jobs += parts[d].size();
      m.elements += n;
    });

    std::vector<std::size_t> retry;
    for (std::size_t d = 0; d < count; ++d) {
      if (!errors[d]) continue;
      std::string message;
      if (!device_failure(errors[d], code, message)) std::rethrow_exception(errors[d]);
      healthy[d] = false;
      ++members_[d]->failures;
      failed.push_back(fmt::format("device {} (slot {}): {}", members_[d]->index, d, message));
      for (std::size_t i : plan[d]) {
        (writes_over_inputs(jobs[pending[i]]) ? not_retried : retry).push_back(pending[i]);
      }
    }
    pending = std::move(retry);
  }
  if (!not_retried.empty()) {
    std::sort(not_retried.begin(), not_retried.end());
    throw Error(code, fmt::format("jobs {} write over their own inputs and were partly run on a "
                                  "failed device, so they were not retried ({})",
                                  fmt::join(not_retried, ", "), fmt::join(failed, "; ")));
  }
}

void MultiDeviceBackend::run_job(const FieldJob& job) {
  const std::size_t n = job.n;
  if (n < kSplitElems || members_.size() == 1) {
    run_spread(std::span(&job, 1), Schedule::Pipelined);
    return;
  }
  // One contiguous range per device, sized by speed: the ranges are independent jobs.
  const auto starts = split(n);
  std::vector<FieldJob> parts;
  for (std::size_t d = 0; d + 1 < starts.size(); ++d) {
    const std::size_t begin = starts[d], len = starts[d + 1] - starts[d];
    if (len != 0) parts.push_back(job.slice(begin, len));
  }
  run_spread(parts, Schedule::Pipelined);
}

void MultiDeviceBackend::run_batch(std::span<const FieldJob> jobs, Schedule schedule) {
  if (schedule == Schedule::Sequential) {
    // One job after another (a later job may read an earlier one's output).
    for (const FieldJob& j : jobs) {
      if (!j.empty()) run_job(j);
    }
    return;
  }
  run_spread(jobs, schedule);
}

std::shared_ptr<VectorStorage> MultiDeviceBackend::allocate(std::size_t n, FieldId field) {
  return members_.front()->backend->allocate_owned(n, field, this);
}

void MultiDeviceBackend::run_resident(Op op, std::span<const VectorStorage* const> inputs,
                                      VectorStorage& out) {
  members_.front()->backend->run_resident(op, inputs, out);
}

std::vector<std::size_t> MultiDeviceBackend::split(std::size_t n) const {
  return split_range(n, planning_speeds(std::vector<bool>(members_.size(), true)));
}

void MultiDeviceBackend::ntt(std::span<Fr> data, unsigned log_n, const NttOptions& options) {
  if (options.batch < 2 || members_.size() == 1) {
    members_.front()->backend->ntt(data, log_n, options);
    count_work(0, data.size());
    return;
  }
  // The batch's vectors in one contiguous group per device. In place, so a failed device's
  // vectors cannot be run again elsewhere: its error is the caller's.
  const std::vector<std::size_t> starts = split(options.batch);
  const std::size_t len = std::size_t{1} << log_n;
  rethrow_first(run_at_once(non_empty(starts), [&](std::size_t d) {
    NttOptions part = options;
    part.batch = starts[d + 1] - starts[d];
    members_[d]->backend->ntt(data.subspan(starts[d] * len, part.batch * len), log_n, part);
    count_work(d, part.batch * len);
  }));
}

void MultiDeviceBackend::ntt_resident(VectorStorage& data, unsigned log_n,
                                      const NttOptions& options) {
  members_.front()->backend->ntt_resident(data, log_n, options);
  count_work(0, data.size());
}

std::shared_ptr<BasesStorage> MultiDeviceBackend::upload_bases(std::span<const G1Affine> points,
                                                               unsigned precompute) {
  const std::size_t count = members_.size();
  std::vector<std::size_t> starts(count + 1, points.size());
  starts[0] = 0;
  if (points.size() >= kSplitPoints) starts = split(points.size());
  std::vector<std::shared_ptr<BasesStorage>> parts(count);
  rethrow_first(run_at_once(non_empty(starts), [&](std::size_t d) {
    parts[d] = members_[d]->backend->upload_bases(
        points.subspan(starts[d], starts[d + 1] - starts[d]), precompute);
  }));
  return std::make_shared<SplitBases>(this, std::move(starts), std::move(parts));
}

void MultiDeviceBackend::msm(const BasesStorage& bases, std::span<const Scalar> scalars,
                             std::span<G1Jacobian> results) {
  const auto& split = static_cast<const SplitBases&>(bases);
  const std::size_t count = members_.size(), n = bases.size(), batch = results.size();
  std::vector<std::vector<G1Jacobian>> partial(count);
  std::vector<bool> active(count);
  for (std::size_t d = 0; d < count; ++d) active[d] = split.part(d) != nullptr;
  // Bases live on one device only, so a failed device's range cannot move: its error is the
  // caller's (and the bases must be uploaded again once the device is reopened).
  rethrow_first(run_at_once(active, [&](std::size_t d) {
    const std::size_t begin = split.begin(d), len = split.length(d);
    std::vector<Scalar> gathered;  // this range's scalars of every MSM of the batch
    std::span<const Scalar> mine = scalars.subspan(begin, len);
    if (batch > 1) {
      gathered.resize(batch * len);
      for (std::size_t j = 0; j < batch; ++j) {
        std::copy_n(scalars.begin() + j * n + begin, len, gathered.begin() + j * len);
      }
      mine = gathered;
    }
    partial[d].resize(batch);
    members_[d]->backend->msm(*split.part(d), mine, partial[d]);
    count_work(d, batch * len);
  }));
  for (std::size_t j = 0; j < batch; ++j) {
    G1Jacobian sum = g1::kInfinity;
    for (std::size_t d = 0; d < count; ++d) {
      if (active[d]) sum = g1::add(sum, partial[d][j]);
    }
    results[j] = sum;
  }
}

void MultiDeviceBackend::count_work(std::size_t slot, std::size_t elements) {
  ++members_[slot]->jobs;
  members_[slot]->elements += elements;
}

ExecutorStats MultiDeviceBackend::stats() const {
  ExecutorStats s = members_.front()->backend->stats();
  s.backend = name();
  for (std::size_t d = 1; d < members_.size(); ++d) {
    const ExecutorStats o = members_[d]->backend->stats();
    s.jobs += o.jobs;
    s.chunks += o.chunks;
    s.elements += o.elements;
    s.batches += o.batches;
    s.host_visible_jobs += o.host_visible_jobs;
    s.device_local_jobs += o.device_local_jobs;
    s.imported_jobs += o.imported_jobs;
    s.pinned_jobs += o.pinned_jobs;
    s.device_reopens += o.device_reopens;
    s.pipelines_compiled += o.pipelines_compiled;
    s.pipelines_reused += o.pipelines_reused;
    s.memory_bytes_reserved += o.memory_bytes_reserved;
    s.memory_bytes_in_use += o.memory_bytes_in_use;
  }
  for (const auto& m : members_) {
    s.devices.push_back({m->index, m->backend->device_info().name, m->jobs.load(),
                         m->elements.load(), m->failures.load(), m->speed.measured()});
  }
  return s;
}

}  // namespace gpuexec::multi
