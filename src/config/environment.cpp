// The accessors and grammars; the table itself is in environment_table.cpp.
#include "config/environment.hpp"

#include <fmt/format.h>

#include <cctype>
#include <charconv>
#include <cstdlib>

#include "gpuexec/error.hpp"

namespace gpuexec::env {

namespace {
// nullopt when unset. The view points into the environment: valid until the next setenv.
std::optional<std::string_view> raw(const char* name) {
  const char* v = std::getenv(name);
  if (v == nullptr) return std::nullopt;
  return std::string_view(v);
}

// nullopt when unset or empty: for most variables both mean "not set".
std::optional<std::string_view> given(const char* name) {
  auto v = raw(name);
  if (v && v->empty()) return std::nullopt;
  return v;
}

[[noreturn]] void reject(std::string_view name, std::string_view value, std::string_view accepted) {
  throw Error(ErrorCode::InvalidArgument, fmt::format("{}={}: {}", name, shown(value), accepted));
}

// The whole text as a number, or nullopt (empty, sign, junk, out of range).
template <class T>
std::optional<T> whole(std::string_view text) {
  T value{};
  const char* end = text.data() + text.size();
  auto [ptr, ec] = std::from_chars(text.data(), end, value);
  if (text.empty() || ec != std::errc() || ptr != end) return std::nullopt;
  return value;
}

// "1" true, "0" / empty / unset false, anything else an error.
bool flag(const char* name, std::string_view on_means) {
  const auto v = given(name);
  if (!v || *v == "0") return false;
  if (*v == "1") return true;
  reject(name, *v, fmt::format("use 1 ({}), 0 or leave it unset (off)", on_means));
}

// Unset: nullopt; anything but a whole number >= 1 (empty included) an error.
std::optional<std::size_t> count(const char* name) {
  const auto v = raw(name);
  if (!v) return std::nullopt;
  const auto n = whole<std::size_t>(*v);
  if (!n || *n == 0) reject(name, *v, "not a whole number of elements >= 1");
  return n;
}
}  // namespace

std::string shown(std::string_view value) {
  constexpr std::size_t kMax = 64;
  std::string out;
  for (std::size_t i = 0; i < value.size() && i < kMax; ++i) {
    const auto c = static_cast<unsigned char>(value[i]);
    if (c < 0x20 || c == 0x7f) {
      out += fmt::format("\\x{:02x}", c);  // a newline in a value must not break the one line
    } else {
      out += static_cast<char>(c);
    }
  }
  if (value.size() > kMax) out += "...";
  return out;
}

bool validation() {
  return flag("GPUEXEC_VALIDATION", "validation layers on");
}

std::optional<int> device() {
  const auto v = given("GPUEXEC_DEVICE");
  if (!v) return std::nullopt;
  const auto index = whole<int>(*v);
  if (!index || *index < 0) {
    reject("GPUEXEC_DEVICE", *v, "not a device index (a whole number >= 0)");
  }
  return index;
}

DeviceList parse_device_list(std::string_view text, std::string_view source) {
  DeviceList out;
  if (text == "all") {
    out.all = true;
    return out;
  }
  std::size_t start = 0;
  while (start <= text.size()) {
    const std::size_t comma = std::min(text.find(',', start), text.size());
    const std::string_view item = text.substr(start, comma - start);
    const auto index = whole<int>(item);
    if (!index || *index < 0) {
      throw Error(ErrorCode::InvalidArgument,
                  fmt::format("{}={}: item {} ('{}') is not a device index; expected 'all' or "
                              "indices such as 0,1",
                              source, shown(text), out.indices.size() + 1, shown(item)));
    }
    out.indices.push_back(*index);
    start = comma + 1;
  }
  return out;
}

std::optional<DeviceList> devices() {
  const auto v = given("GPUEXEC_DEVICES");
  if (!v) return std::nullopt;
  return parse_device_list(*v, "GPUEXEC_DEVICES");
}

std::optional<std::size_t> chunk_elems() {
  return count("GPU_STREAM_CHUNK_ELEMS");
}

DataPath data_path() {
  const auto v = given("GPU_DEVICE_LOCAL");
  if (!v) return DataPath::Auto;
  if (*v == "1") return DataPath::DeviceLocal;
  if (*v == "0") return DataPath::HostVisible;
  reject("GPU_DEVICE_LOCAL", *v,
         "use 1 (device-local + staging), 0 (host-visible) or leave it unset (automatic)");
}

KernelVariant kernel() {
  const auto v = given("GPUEXEC_KERNEL");
  if (!v || *v == "auto") return KernelVariant::Auto;
  if (*v == "u64") return KernelVariant::U64;
  if (*v == "u64v") return KernelVariant::U64Vec;
  if (*v == "u32") return KernelVariant::U32;
  if (*v == "u32c") return KernelVariant::U32Carry;
  if (*v == "u32w") return KernelVariant::U32Wide;
  if (*v == "u64u") return KernelVariant::U64Unrolled;
  if (*v == "u28w") return KernelVariant::U28Wide;
  reject("GPUEXEC_KERNEL", *v, "use u64, u64v, u64u, u32, u32c, u32w, u28w or auto");
}

std::optional<std::size_t> local_size() {
  return count("GPUEXEC_LOCAL_SIZE");
}

std::optional<std::size_t> cli_chunk_elems() {
  return count("GPUEXEC_CLI_CHUNK_ELEMS");
}

std::optional<uint64_t> max_device_memory() {
  const auto v = given("GPUEXEC_MAX_DEVICE_MEMORY");
  if (!v) return std::nullopt;
  std::string_view text = *v;
  int shift = 0;
  switch (std::toupper(static_cast<unsigned char>(text.back()))) {
    case 'K':
      shift = 10;
      break;
    case 'M':
      shift = 20;
      break;
    case 'G':
      shift = 30;
      break;
    default:
      break;
  }
  if (shift != 0) text.remove_suffix(1);
  const auto n = whole<uint64_t>(text);
  if (!n || *n == 0 || *n > (~uint64_t{0} >> shift)) {
    reject("GPUEXEC_MAX_DEVICE_MEMORY", *v, "not a byte count >= 1 (K, M, G allowed)");
  }
  return *n << shift;
}

HostInputMemory host_input_memory() {
  const auto v = given("GPUEXEC_HOST_INPUT_MEMORY");
  if (!v || *v == "default") return HostInputMemory::Default;
  if (*v == "cached") return HostInputMemory::Cached;
  reject("GPUEXEC_HOST_INPUT_MEMORY", *v, "expected 'default' or 'cached'");
}

HostImport host_import() {
  const auto v = given("GPUEXEC_HOST_IMPORT");
  if (!v || *v == "auto") return HostImport::Auto;
  if (*v == "0") return HostImport::Off;
  if (*v == "1") return HostImport::On;
  if (*v == "copy") return HostImport::Copy;
  if (*v == "bind") return HostImport::Bind;
  reject("GPUEXEC_HOST_IMPORT", *v, "use 1 (import every job), 0 (never), auto, copy or bind");
}

FenceWait fence_wait() {
  const auto v = given("GPUEXEC_FENCE_WAIT");
  if (!v) return FenceWait::ByDevice;
  if (*v == "spin") return FenceWait::Spin;
  if (*v == "block") return FenceWait::Block;
  reject("GPUEXEC_FENCE_WAIT", *v, "use spin, block or leave it unset (by device type)");
}

std::optional<unsigned> ntt_log_cap() {
  const auto v = given("GPUEXEC_NTT_LOG_CAP");
  if (!v || *v == "auto") return std::nullopt;
  if (*v == "9") return 9u;
  if (*v == "10") return 10u;
  reject("GPUEXEC_NTT_LOG_CAP", *v, "use 9, 10 or auto");
}

std::optional<bool> coalesced_io() {
  const auto v = given("GPUEXEC_COALESCED_IO");
  if (!v || *v == "auto") return std::nullopt;
  if (*v == "1") return true;
  if (*v == "0") return false;
  reject("GPUEXEC_COALESCED_IO", *v, "use 1, 0 or auto");
}

std::optional<bool> ntt_shuffle() {
  const auto v = given("GPUEXEC_NTT_SHUFFLE");
  if (!v || *v == "auto") return std::nullopt;
  if (*v == "1") return true;
  if (*v == "0") return false;
  reject("GPUEXEC_NTT_SHUFFLE", *v, "use 1, 0 or auto");
}

std::optional<std::size_t> msm_segment_buckets() {
  return count("GPUEXEC_MSM_SEGMENT_BUCKETS");
}

CpuArithChoice cpu_arith() {
  const auto v = given("GPUEXEC_CPU_ARITH");
  if (!v || *v == "auto") return CpuArithChoice::Auto;
  if (*v == "portable") return CpuArithChoice::Portable;
  reject("GPUEXEC_CPU_ARITH", *v, "use auto or portable");
}

bool split_queues() {
  return flag("GPUEXEC_SPLIT_QUEUES", "split submissions");
}

bool profile() {
  return flag("GPUEXEC_PROFILE", "device time per pass on stderr");
}

FaultPlan parse_fault_plan(std::string_view text, std::string_view source) {
  const auto bad = [&] {
    return Error(ErrorCode::InvalidArgument,
                 fmt::format("{}: expected device-lost:N, device-oom:N or host-oom:N with N >= 1, "
                             "got '{}'",
                             source, shown(text)));
  };
  const std::size_t colon = text.find(':');
  if (colon == std::string_view::npos) throw bad();
  const std::string_view kind = text.substr(0, colon);
  FaultPlan plan{};
  if (kind == "device-lost") {
    plan.kind = FaultKind::DeviceLost;
  } else if (kind == "device-oom") {
    plan.kind = FaultKind::DeviceOutOfMemory;
  } else if (kind == "host-oom") {
    plan.kind = FaultKind::HostOutOfMemory;
  } else {
    throw bad();
  }
  const auto at = whole<uint64_t>(text.substr(colon + 1));
  if (!at || *at == 0) throw bad();
  plan.at = *at;
  return plan;
}

std::optional<FaultPlan> inject_fault() {
  const auto v = given("GPUEXEC_INJECT_FAULT");
  if (!v) return std::nullopt;
  return parse_fault_plan(*v, "GPUEXEC_INJECT_FAULT");
}

// Paths are taken as they are: any non-empty value is a directory to try.
std::optional<std::filesystem::path> xdg_cache_home() {
  const auto v = given("XDG_CACHE_HOME");
  if (!v) return std::nullopt;
  return std::filesystem::path(*v);
}

std::optional<std::filesystem::path> home() {
  const auto v = given("HOME");
  if (!v) return std::nullopt;
  return std::filesystem::path(*v);
}

}  // namespace gpuexec::env
