#include "vulkan/one_shot_backend.hpp"

#include "vulkan/context.hpp"
#include "vulkan/host_visible_path.hpp"
#include "vulkan/pipeline_cache.hpp"

namespace gpuexec::vk {

void OneShotBackend::run(Op op, std::span<const Fp> a, std::span<const Fp> b, std::span<Fp> out) {
  Context context(device_index_);
  PipelineCache pipelines(context.device(), {});  // no disk cache: the cold baseline
  HostVisiblePath path(context.device(), pipelines, RunnerSettings::for_device(context.info()));
  path.run(op, a, b, out);
}

}  // namespace gpuexec::vk
