#include "gpuexec/pinned_vector.hpp"

#include <limits>
#include <utility>

#include "backend/pinned_storage.hpp"
#include "gpuexec/error.hpp"

namespace gpuexec {

PinnedStorage::PinnedStorage(std::size_t n) : n_(n) {
  if (n > std::numeric_limits<std::size_t>::max() / sizeof(Fp)) {
    throw Error(ErrorCode::InvalidArgument, "pinned vector size overflows");
  }
  try {
    pages_ = HostPages(n * sizeof(Fp));
  } catch (const Error& e) {
    // The messages pinned vectors gave before HostPages (its overflow bound counts whole pages).
    if (e.code() == ErrorCode::InvalidArgument) {
      throw Error(ErrorCode::InvalidArgument, "pinned vector size overflows");
    }
    if (e.code() != ErrorCode::OutOfMemory) throw;
    throw Error(ErrorCode::OutOfMemory,
                "no host memory for a pinned vector of " + std::to_string(n) + " elements");
  }
}

PinnedStorage::~PinnedStorage() = default;

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
