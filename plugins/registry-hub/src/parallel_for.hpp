// A bounded pool for one batch of downloads: up to N threads take items in order; the first
// failure stops the others (they see `cancel`) and is rethrown once all threads are joined.
#pragma once

#include <atomic>
#include <cstddef>
#include <functional>

namespace mydocker::hub {

// A worker is made on each thread (so per-thread state such as a connection lives there) and
// called with item indexes.
using Worker = std::function<void(std::size_t)>;

void parallel_for(std::size_t count, int max_threads, std::atomic<bool>& cancel,
                  const std::function<Worker()>& make_worker);

}  // namespace mydocker::hub
