// Page-aligned, zeroed anonymous host memory whose pages are all faulted in by the one mmap call
// that maps them (MAP_POPULATE). Touched page by page instead, a buffer takes one fault per 4 KiB
// page on its first write; in a VM each costs microseconds: `run`'s streaming buffers (~70 MB
// for hex) spent 14% of a 2^20 hex add in such faults. Move-only.
#pragma once

#include <cstddef>
#include <span>
#include <utility>

namespace gpuexec {

class HostPages {
 public:
  HostPages() = default;
  // At least `bytes` (rounded up to whole pages). Throws OutOfMemory when the host has none.
  explicit HostPages(std::size_t bytes);
  ~HostPages();
  HostPages(HostPages&& o) noexcept
      : data_(std::exchange(o.data_, nullptr)), bytes_(std::exchange(o.bytes_, 0)) {}
  HostPages& operator=(HostPages&& o) noexcept {
    std::swap(data_, o.data_);
    std::swap(bytes_, o.bytes_);
    return *this;
  }
  HostPages(const HostPages&) = delete;
  HostPages& operator=(const HostPages&) = delete;

  void* data() const { return data_; }
  std::size_t size() const { return bytes_; }  // the mapped bytes, whole pages
  std::span<unsigned char> bytes() const { return {static_cast<unsigned char*>(data_), bytes_}; }

 private:
  void* data_ = nullptr;
  std::size_t bytes_ = 0;
};

}  // namespace gpuexec
