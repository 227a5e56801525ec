#include "vulkan/ntt_host.hpp"

#include "vulkan/ntt.hpp"
#include "vulkan/resident_ops.hpp"

namespace gpuexec::vk {

void ntt_host_data(Device& device, std::span<Fr> data, unsigned log_n, const NttOptions& options) {
  if (data.empty()) return;  // nothing to transform or move
  auto buffer = device.pool().acquire(MemoryUse::DeviceLocal, data.size_bytes());
  try {
    write_resident(device, *buffer, std::as_bytes(data));
    run_ntt(device, *buffer, log_n, options.batch, options);
    read_resident(device, *buffer, std::as_writable_bytes(data));
  } catch (...) {
    device.pool().release(std::move(buffer));
    throw;
  }
  device.pool().release(std::move(buffer));
}

}  // namespace gpuexec::vk
