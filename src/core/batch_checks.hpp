// What a batch must satisfy before any job runs.
#pragma once

#include <span>

#include "gpuexec/job.hpp"

namespace gpuexec {

// Throws InvalidArgument naming the job index: size mismatches, and for a pipelined batch any job
// whose output overlaps another job's input or output (a dependency the reordering would break).
void check_batch(std::span<const Job> jobs, Schedule schedule);

}  // namespace gpuexec
