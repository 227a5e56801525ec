// Host-visible against device-local (staging) data paths, one job per size.
#include "bench/suites.hpp"

namespace gpuexec::cli {

std::vector<BenchResult> run_paths_suite(BenchContext& ctx) {
  const BenchOptions& o = ctx.options();
  std::vector<std::size_t> sizes = o.sizes;
  if (sizes.empty()) {
    sizes = o.quick ? std::vector<std::size_t>{64, 16384, 262144}
                    : std::vector<std::size_t>{64, 1024, 16384, 65536, 262144, 1 << 20, 1 << 22};
  }
  std::vector<BenchResult> results;
  for (DataPath path : {DataPath::HostVisible, DataPath::DeviceLocal}) {
    ExecutorOptions options = vk::on_device(o.device);
    options.vulkan.data_path = path;
    vk::PersistentBackend backend(options);
    ctx.note_device(backend.device_info());
    for (std::size_t n : sizes) {
      BenchVectors v(n, 2000 + n);
      results.push_back(
          measure_variant(ctx, {"paths", std::string(data_path_name(path)), o.op, 1, 2, o.reps}, v,
                          [&] { backend.run(o.op, v.a, v.b, v.out); }));
    }
  }
  return results;
}

}  // namespace gpuexec::cli
