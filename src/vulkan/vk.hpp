// Vulkan through volk: entry points are loaded at run time, so nothing links against libvulkan.
#pragma once

#include <volk.h>

namespace gpuexec::vk {

// Loads the Vulkan loader once per process; throws NoDevice when it is absent.
void load_vulkan();

// Loads core instance and device entry points once per process. volk fills them through
// vkGetInstanceProcAddr, so they are the loader's dispatching trampolines: valid for every instance
// and device, and never rewritten while another thread calls them.
void load_entry_points(VkInstance instance);

// Throws gpuexec::Error when r is not VK_SUCCESS; `what` names the call.
void check(VkResult r, const char* what);
const char* result_name(VkResult r);

}  // namespace gpuexec::vk
