#include "gpuexec/pinned_vector.hpp"

#include <sys/mman.h>
#include <unistd.h>

#include <limits>
#include <utility>

#include "backend/pinned_storage.hpp"
#include "gpuexec/error.hpp"

namespace gpuexec {

PinnedStorage::PinnedStorage(std::size_t n) : n_(n) {
  if (n == 0) return;
  const std::size_t page = static_cast<std::size_t>(::sysconf(_SC_PAGESIZE));
  if (n > (std::numeric_limits<std::size_t>::max() - page) / sizeof(Fp)) {
    throw Error(ErrorCode::InvalidArgument, "pinned vector size overflows");
  }
  bytes_ = (n * sizeof(Fp) + page - 1) / page * page;
  void* p = ::mmap(nullptr, bytes_, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
  if (p == MAP_FAILED) {
    throw Error(ErrorCode::OutOfMemory,
                "no host memory for a pinned vector of " + std::to_string(n) + " elements");
  }
  data_ = static_cast<Fp*>(p);
}

PinnedStorage::~PinnedStorage() {
  if (data_) ::munmap(data_, bytes_);
}

PinnedVector::PinnedVector(std::shared_ptr<PinnedStorage> storage)
    : storage_(std::move(storage)), elems_(storage_ ? storage_->elements() : std::span<Fp>{}) {}

PinnedVector::~PinnedVector() = default;

PinnedVector::PinnedVector(PinnedVector&& o) noexcept
    : storage_(std::move(o.storage_)), elems_(std::exchange(o.elems_, {})) {}

PinnedVector& PinnedVector::operator=(PinnedVector&& o) noexcept {
  storage_ = std::move(o.storage_);
  elems_ = std::exchange(o.elems_, {});
  return *this;
}

bool PinnedVector::pinned() const {
  return storage_ && storage_->pinned();
}

}  // namespace gpuexec
