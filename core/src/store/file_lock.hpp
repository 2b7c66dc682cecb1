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
  // For a command that only reads: waits for the shared lock on `path` without creating
  // anything, so a fresh or read-only store stays as it is. No lock when the file does not
  // exist: then no command ever wrote what it guards.
  static FileLock for_reading(const std::filesystem::path& path);

  bool held() const { return static_cast<bool>(fd_); }

 private:
  FileLock() = default;
  UniqueFd fd_;
};

}  // namespace mydocker
