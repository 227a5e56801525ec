// MSM bases of a multi-device executor: [0, n) split into one contiguous range per device, each
// range resident on its device (with its precomputed copies). An MSM runs every range at once and
// adds the partial sums on the host.
#pragma once

#include <memory>
#include <vector>

#include "backend/bases_storage.hpp"

namespace gpuexec::multi {

class SplitBases final : public BasesStorage {
 public:
  SplitBases(const Backend* owner, std::vector<std::size_t> starts,
             std::vector<std::shared_ptr<BasesStorage>> parts)
      : BasesStorage(owner, starts.back()), starts_(std::move(starts)), parts_(std::move(parts)) {}
  std::size_t begin(std::size_t d) const { return starts_[d]; }
  std::size_t length(std::size_t d) const { return starts_[d + 1] - starts_[d]; }
  // Device d's range; null where it is empty.
  const BasesStorage* part(std::size_t d) const { return parts_[d].get(); }

 private:
  std::vector<std::size_t> starts_;  // one per device, then n
  std::vector<std::shared_ptr<BasesStorage>> parts_;
};

}  // namespace gpuexec::multi
