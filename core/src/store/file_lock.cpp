#include "store/file_lock.hpp"

#include <fcntl.h>
#include <sys/file.h>

#include <cerrno>
#include <chrono>
#include <thread>

#include "util/interruption.hpp"
#include "util/system_error.hpp"

namespace mydocker {

namespace {

// A store on a read-only file system (a bind mount, say) or with immutable files still runs
// what it holds: flock works on a read-only fd. (The pull that filled it made the lock files.)
UniqueFd open_lock_file(const std::filesystem::path& path) {
  UniqueFd fd(::open(path.c_str(), O_RDWR | O_CREAT | O_CLOEXEC | O_NOFOLLOW, 0600));
  if (!fd && (errno == EROFS || errno == EACCES || errno == EPERM))
    fd.reset(::open(path.c_str(), O_RDONLY | O_CLOEXEC | O_NOFOLLOW));
  if (!fd) throw_errno("cannot open lock file " + path.string());
  return fd;
}

void wait_for(int fd, int operation, const std::filesystem::path& path) {
  while (::flock(fd, operation | LOCK_NB) != 0) {
    if (errno != EWOULDBLOCK && errno != EINTR) throw_errno("cannot lock " + path.string());
    throw_if_interrupted();
    std::this_thread::sleep_for(std::chrono::milliseconds(10));
  }
}

int operation(FileLock::Mode mode) { return mode == FileLock::Mode::shared ? LOCK_SH : LOCK_EX; }

}  // namespace

// Waits in short naps rather than in flock(): the signals that interrupt mydocker are blocked,
// so a blocking flock would wait out another process's whole download after a Ctrl-C.
FileLock::FileLock(const std::filesystem::path& path, Mode mode) : fd_(open_lock_file(path)) {
  wait_for(fd_.get(), operation(mode), path);
}

FileLock FileLock::for_reading(const std::filesystem::path& path) {
  FileLock lock;
  UniqueFd fd(::open(path.c_str(), O_RDONLY | O_CLOEXEC | O_NOFOLLOW));
  if (!fd) {
    if (errno == ENOENT) return lock;
    throw_errno("cannot open lock file " + path.string());
  }
  wait_for(fd.get(), LOCK_SH, path);
  lock.fd_ = std::move(fd);
  return lock;
}

FileLock FileLock::try_lock(const std::filesystem::path& path, Mode mode) {
  FileLock lock;
  UniqueFd fd = open_lock_file(path);
  if (::flock(fd.get(), operation(mode) | LOCK_NB) == 0) {
    lock.fd_ = std::move(fd);
  } else if (errno != EWOULDBLOCK) {
    throw_errno("cannot lock " + path.string());
  }
  return lock;
}

}  // namespace mydocker
