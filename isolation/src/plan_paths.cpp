#include "plan_paths.hpp"

#include <fcntl.h>
#include <limits.h>
#include <linux/openat2.h>
#include <sys/mount.h>
#include <sys/stat.h>
#include <sys/statvfs.h>

#include <cerrno>
#include <cstring>

namespace mydocker::isolation {

namespace {

// Makes `name` in `dir` what the walk needs there; something already right is kept.
bool make_entry(const Syscalls& sys, int dir, const char* name, PathEnd what, bool last) noexcept {
  struct stat st {};
  if (sys.fstatat(dir, name, &st, AT_SYMLINK_NOFOLLOW) == 0) {
    if (S_ISLNK(st.st_mode) && !last) {
      errno = ELOOP;
      return false;
    }
    const bool replace =
        S_ISLNK(st.st_mode) || (what == PathEnd::directory && !S_ISDIR(st.st_mode));
    if (!replace) return true;
    if (sys.unlinkat(dir, name, 0) != 0) return false;
  } else if (errno != ENOENT) {
    return false;
  }
  if (what == PathEnd::directory) return sys.mkdirat(dir, name, 0755) == 0 || errno == EEXIST;
  return sys.mknodat(dir, name, S_IFREG | 0644, 0) == 0 || errno == EEXIST;
}

}  // namespace

const char* beneath_root(const char* path) noexcept {
  while (*path == '/') ++path;
  return path;
}

SyscallFd open_beneath(const Syscalls& sys, int dir, const char* path, int flags) noexcept {
  return SyscallFd(sys, sys.openat2(dir, path, flags | O_CLOEXEC,
                                    RESOLVE_BENEATH | RESOLVE_NO_SYMLINKS | RESOLVE_NO_MAGICLINKS));
}

SyscallFd make_beneath(const Syscalls& sys, int dir, const char* path, PathEnd end) noexcept {
  SyscallFd held;  // the directory reached so far, once past `dir`
  int at = dir;
  const char* p = beneath_root(path);
  if (*p == '\0') {
    // The root itself: its own mount point.
    return open_beneath(sys, dir, ".", O_PATH | O_DIRECTORY);
  }
  while (*p != '\0') {
    const std::size_t len = std::strcspn(p, "/");
    if (len > NAME_MAX) {
      errno = ENAMETOOLONG;
      return SyscallFd();
    }
    char name[NAME_MAX + 1];
    std::memcpy(name, p, len);
    name[len] = '\0';
    p += len;
    while (*p == '/') ++p;
    const bool last = *p == '\0';
    if (std::strcmp(name, ".") == 0) {
      if (!last) continue;
    } else if (std::strcmp(name, "..") == 0) {
      errno = EXDEV;  // as RESOLVE_BENEATH answers a way up
      return SyscallFd();
    } else if (!make_entry(sys, at, name, last ? end : PathEnd::directory, last)) {
      return SyscallFd();
    }
    const int flags = last && end == PathEnd::file ? O_PATH : O_PATH | O_DIRECTORY;
    SyscallFd next = open_beneath(sys, at, name, flags);
    if (!next) return SyscallFd();
    held = std::move(next);
    at = held.get();
  }
  return held;
}

bool mount_on(const Syscalls& sys, int target, const char* source, const char* type,
              unsigned long flags, const char* data) noexcept {
  const auto or_null = [](const char* s) { return s == nullptr || *s == '\0' ? nullptr : s; };
  return sys.mount(or_null(source), FdPath(target).c_str(), or_null(type), flags, or_null(data)) ==
         0;
}

unsigned long kept_mount_flags(const Syscalls& sys, int fd) noexcept {
  struct statfs st {};
  const int saved = errno;
  if (sys.fstatfs(fd, &st) != 0) {
    errno = saved;
    return 0;
  }
  unsigned long flags = 0;
  if ((st.f_flags & ST_NOSUID) != 0) flags |= MS_NOSUID;
  if ((st.f_flags & ST_NODEV) != 0) flags |= MS_NODEV;
  if ((st.f_flags & ST_NOEXEC) != 0) flags |= MS_NOEXEC;
  return flags;
}

}  // namespace mydocker::isolation
