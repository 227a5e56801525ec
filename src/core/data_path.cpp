#include "gpuexec/data_path.hpp"

namespace gpuexec {

std::string_view data_path_name(DataPath path) {
  switch (path) {
    case DataPath::Auto:
      return "auto";
    case DataPath::HostVisible:
      return "host-visible";
    case DataPath::DeviceLocal:
      return "device-local";
  }
  return "?";
}

}  // namespace gpuexec
