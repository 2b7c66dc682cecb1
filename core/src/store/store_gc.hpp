// Removing what no image name refers to: blobs, unpacked layers, and what interrupted pulls
// and unpacks left behind. Runs only when no other mydocker process uses the store (they hold
// the store lock shared), so nothing in use or half-written can be removed.
#pragma once

#include <cstdint>

#include "store/store.hpp"

namespace mydocker {

struct GcResult {
  std::uint64_t blobs = 0;
  std::uint64_t layers = 0;
  std::uint64_t leftovers = 0;  // temporary files and directories of interrupted work
  std::uint64_t bytes = 0;      // of the blobs removed
};

// Throws Error when another mydocker process uses the store.
GcResult collect_garbage(Store& store);

}  // namespace mydocker
