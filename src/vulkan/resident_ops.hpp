// Device-resident vectors on Vulkan: staged writes and reads, and element-wise ops whose inputs
// and outputs are device-local buffers, split into several dispatches only where a binding would
// exceed the device's maxStorageBufferRange. Every submission starts with a barrier against
// earlier writes. The caller holds the device's lock.
#pragma once

#include <span>

#include "gpuexec/fp.hpp"
#include "vulkan/device.hpp"

namespace gpuexec::vk {

// Bytes of any field's elements, from the start of the buffer.
void write_resident(Device& device, const Buffer& dst, std::span<const std::byte> values);
void read_resident(Device& device, const Buffer& src, std::span<std::byte> out);
// out = kernel(inputs...) over n elements of element_bytes; each range starts at its vector's
// first element (device buffers, or imported host memory).
void run_resident(Device& device, const Kernel& kernel, std::span<const BufferRange> inputs,
                  const BufferRange& out, std::size_t n, std::size_t element_bytes);
// out = op(inputs...) over n elements of field with the device's element-wise kernel of op.
void run_resident_op(Device& device, Op op, FieldId field, std::span<const Buffer* const> inputs,
                     const Buffer& out, std::size_t n);

}  // namespace gpuexec::vk
