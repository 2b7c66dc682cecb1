// Verifying the store: every blob against its digest, every image name against the blobs it
// needs. Damage is reported, and with `repair` the damaged blobs are removed so that the next
// pull fetches them again.
#pragma once

#include <string>
#include <vector>

#include "store/store.hpp"

namespace mydocker {

struct CheckResult {
  std::size_t blobs_checked = 0;
  std::vector<std::string> problems;  // one line each, for the user
  std::size_t repaired = 0;
};

CheckResult check_store(Store& store, bool repair);

}  // namespace mydocker
