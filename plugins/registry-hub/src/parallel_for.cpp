#include "parallel_for.hpp"

#include <algorithm>
#include <exception>
#include <mutex>
#include <thread>
#include <vector>

namespace mydocker::hub {

void parallel_for(std::size_t count, int max_threads, std::atomic<bool>& cancel,
                  const std::function<Worker()>& make_worker) {
  std::atomic<std::size_t> next{0};
  std::mutex error_mutex;
  std::exception_ptr first_error;
  auto run = [&] {
    try {
      const Worker work = make_worker();
      for (std::size_t i = next++; i < count && !cancel.load(); i = next++) work(i);
    } catch (...) {
      std::lock_guard lock(error_mutex);
      if (!first_error) first_error = std::current_exception();
      cancel = true;  // after recording, so the error reported is the cause, not a cancellation
    }
  };
  const std::size_t threads =
      std::min<std::size_t>(count, static_cast<std::size_t>(std::max(1, max_threads)));
  {
    // The calling thread is one of the workers: a single blob needs no thread at all.
    std::vector<std::jthread> pool;
    for (std::size_t t = 1; t < threads; ++t) pool.emplace_back(run);
    run();
  }  // jthreads join here, on every path
  if (first_error) std::rethrow_exception(first_error);
}

}  // namespace mydocker::hub
