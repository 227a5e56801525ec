#include "bench/suites.hpp"

namespace gpuexec::cli {

const std::vector<BenchSuite>& bench_suites() {
  static const std::vector<BenchSuite> suites = {
      {"persistent",
       "one-shot vs persistent backend, and persistent on pinned vectors, one job per size (the "
       "seed's first table)",
       run_persistent_suite},
      {"paths", "host-visible vs device-local (staging) data paths, 64 .. 4M elements",
       run_paths_suite},
      {"chunk", "a 4M-element job streamed with chunk sizes 64K .. 2M", run_chunk_suite},
      {"batch", "sequential vs pipelined batches, 2 .. 16 jobs of 16K .. 1M elements",
       run_batch_suite},
      {"resident", "device-resident add, sub, mul throughput up to 2^24 elements (no transfers)",
       run_resident_suite},
      {"transfer", "ceilings: host<->device and device memory bandwidth, empty submit latency",
       run_transfer_suite},
      {"cpu",
       "the CPU backend on the GPU suites' sizes, then its field kernels (Fp, Fr: every op, "
       "conversions, checks) on one thread and all cores",
       run_cpu_suite},
      {"multi", "pipelined batches spread over 1 .. N devices (--devices)", run_multi_suite},
      {"ntt",
       "the Fr NTT, forward and inverse, 2^12 .. 2^24: cpu, and vulkan on a device vector and on "
       "host arrays",
       run_ntt_suite},
      {"msm", "G1 MSM, 2^10 .. 2^22 points: cpu, and vulkan with resident bases and end to end",
       run_msm_suite},
      {"e2e",
       "`gpuexec run` on files (2^20 .. 2^24 elements, bin and hex, every op, cpu and vulkan) "
       "against the I/O floor, with peak RSS",
       run_e2e_suite, print_e2e_report},
      {"all", "every suite above but multi, ntt, msm and e2e, one after another, on one device",
       run_all_suites},
  };
  return suites;
}

std::vector<BenchResult> run_all_suites(BenchContext& ctx) {
  std::vector<BenchResult> all;
  for (const BenchSuite& s : bench_suites()) {
    if (s.name == "all" || s.name == "multi" || s.name == "e2e" || s.name == "ntt" ||
        s.name == "msm") {
      continue;
    }
    auto part = s.run(ctx);
    all.insert(all.end(), std::make_move_iterator(part.begin()),
               std::make_move_iterator(part.end()));
  }
  return all;
}

}  // namespace gpuexec::cli
