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

// Makes `name` in `dir` what the walk needs there; something already right is kept. A symlink
// is replaced: a mount hides whatever the image had at its mount point.
bool make_entry(const Syscalls& sys, int dir, const char* name, PathEnd what) noexcept {
  struct stat st {};
  if (sys.fstatat(dir, name, &st, AT_SYMLINK_NOFOLLOW) == 0) {
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

namespace {

// A path beneath the root made of real directories only, so that ".." is its parent: the
// components resolved so far, relative to the root ("" for the root itself).
class ResolvedPath {
 public:
  bool empty() const noexcept { return len_ == 0; }
  const char* c_str() const noexcept { return len_ == 0 ? "." : path_; }
  bool push(const char* name) noexcept {
    const std::size_t n = std::strlen(name);
    if (len_ + (len_ != 0) + n >= sizeof path_) {
      errno = ENAMETOOLONG;
      return false;
    }
    if (len_ != 0) path_[len_++] = '/';
    std::memcpy(path_ + len_, name, n + 1);
    len_ += n;
    return true;
  }
  // ".." never climbs above the root, as in the container.
  void pop() noexcept {
    while (len_ > 0 && path_[len_ - 1] != '/') --len_;
    if (len_ > 0) --len_;
    path_[len_] = '\0';
  }
  void clear() noexcept { path_[len_ = 0] = '\0'; }

 private:
  char path_[PATH_MAX] = "";
  std::size_t len_ = 0;
};

// Replaces the component just read in `todo` (`rest` follows it) with the target of the
// symlink `name` in `dir`; an absolute target starts again at the root.
bool splice_link(const Syscalls& sys, int dir, const char* name, char* todo, std::size_t size,
                 const char* rest, ResolvedPath* resolved) noexcept {
  char target[PATH_MAX];
  const ssize_t n = sys.readlinkat(dir, name, target, sizeof target - 1);
  if (n < 0) return false;
  const std::size_t rest_len = std::strlen(rest);
  if (static_cast<std::size_t>(n) + 1 + rest_len + 1 > size) {
    errno = ENAMETOOLONG;
    return false;
  }
  std::memmove(todo + n + 1, rest, rest_len + 1);
  std::memcpy(todo, target, static_cast<std::size_t>(n));
  todo[n] = '/';
  if (n > 0 && target[0] == '/') resolved->clear();
  return true;
}

}  // namespace

SyscallFd make_beneath(const Syscalls& sys, int root, const char* path, PathEnd end) noexcept {
  char todo[PATH_MAX];
  if (std::strlen(path) >= sizeof todo) {
    errno = ENAMETOOLONG;
    return SyscallFd();
  }
  std::strcpy(todo, path);
  ResolvedPath resolved;
  int links = 0;
  const char* p = todo;
  for (;;) {
    while (*p == '/') ++p;
    if (*p == '\0') break;
    const std::size_t len = std::strcspn(p, "/");
    if (len > NAME_MAX) {
      errno = ENAMETOOLONG;
      return SyscallFd();
    }
    char name[NAME_MAX + 1];
    std::memcpy(name, p, len);
    name[len] = '\0';
    p += len;
    const bool last = p[std::strspn(p, "/")] == '\0';
    if (std::strcmp(name, ".") == 0) continue;
    if (std::strcmp(name, "..") == 0) {
      resolved.pop();
      continue;
    }
    SyscallFd opened;
    if (!resolved.empty()) {
      opened = open_beneath(sys, root, resolved.c_str(), O_PATH | O_DIRECTORY);
      if (!opened) return SyscallFd();
    }
    const int dir = resolved.empty() ? root : opened.get();
    struct stat st {};
    if (!last && sys.fstatat(dir, name, &st, AT_SYMLINK_NOFOLLOW) == 0 && S_ISLNK(st.st_mode)) {
      if (++links > 40) {
        errno = ELOOP;
        return SyscallFd();
      }
      // `rest` moves within `todo`: copied before splice_link writes over it.
      char rest[PATH_MAX];
      std::strcpy(rest, p);
      if (!splice_link(sys, dir, name, todo, sizeof todo, rest, &resolved)) {
        return SyscallFd();
      }
      p = todo;
      continue;
    }
    if (!make_entry(sys, dir, name, last ? end : PathEnd::directory) || !resolved.push(name)) {
      return SyscallFd();
    }
  }
  return open_beneath(sys, root, resolved.c_str(),
                      end == PathEnd::file ? O_PATH : O_PATH | O_DIRECTORY);
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
