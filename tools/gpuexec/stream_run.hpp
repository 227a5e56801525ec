// One element-wise job from files to a file, streamed: chunks of elements are read (and, for hex,
// parsed on all cores), computed as encoded jobs and written (formatted on all cores) by three
// threads at once, so chunk k+1 is read while chunk k computes and chunk k-1 is written. Memory
// is a few chunks whatever the file sizes; the output is written atomically (AtomicFile), so a
// failure at any chunk leaves an existing output as it was.
#pragma once

#include <functional>
#include <string>
#include <vector>

#include "gpuexec/executor.hpp"
#include "vector_file.hpp"

namespace gpuexec::cli {

struct StreamSpec {
  Op op = Op::Add;
  std::vector<std::string> inputs;  // a, b (and c for mad)
  std::string out;
  FileFormat format = FileFormat::Hex;
  FieldId field = FieldId::Fp;
};

// The executor, made on first use (an empty job needs no device).
using ExecutorSource = std::function<Executor&()>;

// Runs the job; returns the elements written. Throws InputError naming the file and position
// for bad input or an unwritable output, gpuexec::Error for a backend failure.
std::size_t stream_run(const StreamSpec& spec, const ExecutorSource& executor);

}  // namespace gpuexec::cli
