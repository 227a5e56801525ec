#include "backend/bases_storage.hpp"
#include "gpuexec/msm.hpp"

namespace gpuexec {

MsmBases::MsmBases(std::shared_ptr<BasesStorage> storage) : storage_(std::move(storage)) {}
MsmBases::~MsmBases() = default;
MsmBases::MsmBases(const MsmBases&) = default;
MsmBases& MsmBases::operator=(const MsmBases&) = default;
MsmBases::MsmBases(MsmBases&&) noexcept = default;
MsmBases& MsmBases::operator=(MsmBases&&) noexcept = default;

std::size_t MsmBases::size() const {
  return storage_ ? storage_->size() : 0;
}

}  // namespace gpuexec
