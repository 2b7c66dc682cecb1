// Advisory file locks (flock) that coordinate mydocker processes sharing one store. A lock is
// released when its fd closes, also when the process is killed, so a crash never leaves the
// store locked.
#pragma once

#include <filesystem>

#include "mydocker/unique_fd.hpp"

namespace mydocker {

class FileLock {
 public:
  enum class Mode { shared, exclusive };

  // Blocks until the lock on `path` (created if missing) is held.
  FileLock(const std::filesystem::path& path, Mode mode);
  // Holds the lock only if it is free now; check held().
  static FileLock try_lock(const std::filesystem::path& path, Mode mode);

  bool held() const { return static_cast<bool>(fd_); }

 private:
  FileLock() = default;
  UniqueFd fd_;
};

}  // namespace mydocker
