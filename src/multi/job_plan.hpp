// Which device runs which job of a batch: longest job first, each to the device that would finish
// it soonest given the work already planned for it and the device's measured speed.
#pragma once

#include <cstddef>
#include <span>
#include <vector>

namespace gpuexec::multi {

// For each device, the indices of its jobs in ascending order. speeds: elements per second (any
// positive scale); a device of speed 0 gets nothing. busy: seconds of work each device already
// has (empty: none). Every job goes to exactly one device.
std::vector<std::vector<std::size_t>> plan_jobs(std::span<const std::size_t> job_elems,
                                                std::span<const double> speeds,
                                                std::span<const double> busy = {});

// Splits [0, n) into one contiguous range per device, sized by speed (empty ranges allowed);
// returns the range starts plus n at the end.
std::vector<std::size_t> split_range(std::size_t n, std::span<const double> speeds);

}  // namespace gpuexec::multi
