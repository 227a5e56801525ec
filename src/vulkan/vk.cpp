#define VOLK_IMPLEMENTATION
#include "vulkan/vk.hpp"

#include <mutex>
#include <string>

#include "gpuexec/error.hpp"

namespace gpuexec::vk {

void load_vulkan() {
  static std::once_flag once;
  static VkResult result = VK_ERROR_INITIALIZATION_FAILED;
  std::call_once(once, [] { result = volkInitialize(); });
  if (result != VK_SUCCESS) {
    throw Error(ErrorCode::NoDevice, "no Vulkan loader (libvulkan.so.1) found on this system");
  }
}

void load_entry_points(VkInstance instance) {
  static std::once_flag once;
  std::call_once(once, [instance] { volkLoadInstance(instance); });
}

const char* result_name(VkResult r) {
  switch (r) {
#define GPUEXEC_RESULT(name) \
  case name:                 \
    return #name;
    GPUEXEC_RESULT(VK_SUCCESS)
    GPUEXEC_RESULT(VK_NOT_READY)
    GPUEXEC_RESULT(VK_TIMEOUT)
    GPUEXEC_RESULT(VK_INCOMPLETE)
    GPUEXEC_RESULT(VK_ERROR_OUT_OF_HOST_MEMORY)
    GPUEXEC_RESULT(VK_ERROR_OUT_OF_DEVICE_MEMORY)
    GPUEXEC_RESULT(VK_ERROR_INITIALIZATION_FAILED)
    GPUEXEC_RESULT(VK_ERROR_DEVICE_LOST)
    GPUEXEC_RESULT(VK_ERROR_MEMORY_MAP_FAILED)
    GPUEXEC_RESULT(VK_ERROR_LAYER_NOT_PRESENT)
    GPUEXEC_RESULT(VK_ERROR_EXTENSION_NOT_PRESENT)
    GPUEXEC_RESULT(VK_ERROR_FEATURE_NOT_PRESENT)
    GPUEXEC_RESULT(VK_ERROR_INCOMPATIBLE_DRIVER)
    GPUEXEC_RESULT(VK_ERROR_TOO_MANY_OBJECTS)
    GPUEXEC_RESULT(VK_ERROR_FORMAT_NOT_SUPPORTED)
    GPUEXEC_RESULT(VK_ERROR_FRAGMENTED_POOL)
    GPUEXEC_RESULT(VK_ERROR_OUT_OF_POOL_MEMORY)
    GPUEXEC_RESULT(VK_ERROR_INVALID_SHADER_NV)
#undef GPUEXEC_RESULT
    default:
      return "VK_ERROR_UNKNOWN";
  }
}

void check(VkResult r, const char* what) {
  if (r == VK_SUCCESS) return;
  ErrorCode code = ErrorCode::Internal;
  switch (r) {
    case VK_ERROR_OUT_OF_HOST_MEMORY:
    case VK_ERROR_OUT_OF_DEVICE_MEMORY:
    case VK_ERROR_OUT_OF_POOL_MEMORY:
      code = ErrorCode::OutOfMemory;
      break;
    case VK_ERROR_DEVICE_LOST:
      code = ErrorCode::DeviceLost;
      break;
    case VK_ERROR_INCOMPATIBLE_DRIVER:
    case VK_ERROR_INITIALIZATION_FAILED:
    case VK_ERROR_FEATURE_NOT_PRESENT:
    case VK_ERROR_EXTENSION_NOT_PRESENT:
      code = ErrorCode::NoDevice;
      break;
    default:
      break;
  }
  throw Error(code, std::string(what) + " failed: " + result_name(r));
}

}  // namespace gpuexec::vk
