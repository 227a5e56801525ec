#include "core/host_pages.hpp"

#include <sys/mman.h>
#include <unistd.h>

#include <limits>
#include <string>

#include "gpuexec/error.hpp"

namespace gpuexec {

HostPages::HostPages(std::size_t bytes) {
  if (bytes == 0) return;
  const std::size_t page = static_cast<std::size_t>(::sysconf(_SC_PAGESIZE));
  if (bytes > std::numeric_limits<std::size_t>::max() - page) {
    throw Error(ErrorCode::InvalidArgument, "host buffer size overflows");
  }
  const std::size_t rounded = (bytes + page - 1) / page * page;
  void* p = ::mmap(nullptr, rounded, PROT_READ | PROT_WRITE,
                   MAP_PRIVATE | MAP_ANONYMOUS | MAP_POPULATE, -1, 0);
  if (p == MAP_FAILED) {
    throw Error(ErrorCode::OutOfMemory, "no host memory for " + std::to_string(bytes) + " bytes");
  }
  data_ = p;
  bytes_ = rounded;
}

HostPages::~HostPages() {
  if (data_) ::munmap(data_, bytes_);
}

}  // namespace gpuexec
