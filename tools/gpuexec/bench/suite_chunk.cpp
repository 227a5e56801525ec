// One large job streamed with chunk sizes from 64K to 2M elements (the seed's chunk table).
#include "bench/suites.hpp"

namespace gpuexec::cli {

std::vector<BenchResult> run_chunk_suite(BenchContext& ctx) {
  const BenchOptions& o = ctx.options();
  const std::size_t n = !o.sizes.empty() ? o.sizes.front() : o.quick ? (1 << 20) : (1 << 22);
  std::vector<std::size_t> chunks;
  for (std::size_t c = 1 << 16; c <= (o.quick ? (1u << 19) : (1u << 21)); c *= 2)
    chunks.push_back(c);
  BenchVectors v(n, 3000);
  std::vector<BenchResult> results;
  for (std::size_t chunk : chunks) {
    ExecutorOptions options = vk::on_device(o.device);
    options.vulkan.chunk_elems = chunk;
    vk::PersistentBackend backend(options);
    ctx.note_device(backend.device_info());
    BenchResult r = measure_variant(ctx, {"chunk", std::to_string(chunk), o.op, 1, 1, o.reps}, v,
                                    [&] { backend.run(o.op, v.a, v.b, v.out); });
    // The chunk size in force: the device may cap what was asked.
    r.extra["chunk_elems"] = backend.device().settings().chunk_elems;
    r.extra["path"] = data_path_name(backend.device().settings().path_for(n));
    results.push_back(std::move(r));
  }
  return results;
}

}  // namespace gpuexec::cli
