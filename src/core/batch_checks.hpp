// What a batch must satisfy before any job runs.
#pragma once

#include <span>
#include <string>

#include "gpuexec/job.hpp"

namespace gpuexec {

// Empty when the job's vectors have the sizes its op needs (a, b, out and, for Mad, c all
// equal), else what differs.
std::string job_size_error(const Job& job);
// Throws InvalidArgument with job_size_error's message.
void check_job(const Job& job);

// Throws InvalidArgument naming the job index: size mismatches, and for a pipelined batch any job
// whose output overlaps another job's input or output (a dependency the reordering would break).
void check_batch(std::span<const Job> jobs, Schedule schedule);

}  // namespace gpuexec
