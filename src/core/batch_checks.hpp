// What a job and a batch must satisfy before any job runs.
#pragma once

#include <span>
#include <string>

#include "gpuexec/job.hpp"

namespace gpuexec {

// Empty when the job is well-formed, else why not: its vectors have the sizes its op needs (a, b,
// out and, for Mad, c all equal), and out either is an input exactly (same start) or meets none
// of them. Inputs may overlap each other freely: they are only read.
// (F: Fp or Fr.)
template <class F>
std::string job_error(const BasicJob<F>& job);
// The same for a job on the file encoding (sizes in whole elements of its field's bytes).
std::string job_error(const EncodedJob& job);
// Throws InvalidArgument with job_error's message. Every entry point (run, mad, submit, the C
// ABI) goes through here or check_batch, so both APIs apply one rule.
template <class F>
void check_job(const BasicJob<F>& job);

// Throws InvalidArgument naming the job index: job_error for each job, and for a pipelined batch
// any job whose output overlaps another job's input or output (a dependency the reordering would
// break).
template <class F>
void check_batch(std::span<const BasicJob<F>> jobs, Schedule schedule);

}  // namespace gpuexec
